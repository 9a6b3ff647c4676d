using System.Collections;
using System.Reflection;
using PureHDF;
using PureHDF.VOL.Native;

namespace KerasSharp.Saving;

/// <summary>
/// Walks an HDF5 file's group tree through hard links only and refuses soft, external and user-defined links before
/// any path is resolved. PureHDF resolves a soft link when a path crosses it, and one that points at itself recurses
/// until the process dies of a stack overflow; external links open other files. Keras writes neither (its weights files
/// hold groups and datasets joined by hard links), so the loaders refuse any file that has one.
/// <para>PureHDF 2.2 keeps link messages internal: they are read through reflection, bound once. If an upgrade
/// changes those internals the check fails closed (every file is refused with a message saying so) and
/// <c>HostileHdf5Tests</c> fails first.</para>
/// </summary>
internal static class Hdf5LinkCheck
{
    /// <summary>The most groups and datasets a weights file may hold (Keras files of the largest models hold a few thousand).</summary>
    internal const int MaxObjects = 1_000_000;

    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
    private static readonly Lazy<Internals?> Bound = new(Bind);

    /// <summary>Throws when the file under <paramref name="root"/> has a link that is not a hard link.</summary>
    /// <exception cref="InvalidDataException">A soft, external or user-defined link, too many objects, or an unreadable structure.</exception>
    public static void Check(IH5Group root)
    {
        if (root is not NativeGroup start) return;
        var api = Bound.Value ?? throw new InvalidDataException(
            "cannot verify the file's links (this PureHDF version hides them), so it is not read");
        var visited = new HashSet<ulong>();
        var pending = new Stack<(NativeGroup Group, string Path)>();
        pending.Push((start, "/"));
        int objects = 0;
        while (pending.Count > 0)
        {
            var (group, path) = pending.Pop();
            if (!visited.Add(api.Address(group))) continue;
            foreach (var (name, kind) in api.Links(group))
            {
                var child = path == "/" ? "/" + name : $"{path}/{name}";
                if (kind != "hard")
                    throw new InvalidDataException($"the HDF5 object '{child}' is {(kind == "external" ? "an" : "a")} {kind} link; Keras files hold only groups and datasets, and KerasSharp follows no links");
                if (++objects > MaxObjects)
                    throw new InvalidDataException($"the HDF5 file holds more than {MaxObjects:N0} objects, far more than any Keras weights file");
                IH5Object target;
                try { target = group.Get(name); }
                catch (Exception e) when (e is not (OutOfMemoryException or InvalidDataException))
                {
                    throw new InvalidDataException($"the HDF5 object '{child}' cannot be read ({e.Message})", e);
                }
                if (target is NativeGroup sub) pending.Push((sub, child));
            }
        }
    }

    /// <summary>Delegates over PureHDF's internal link structures.</summary>
    private sealed record Internals(Func<NativeGroup, ulong> Address, Func<NativeGroup, IEnumerable<(string Name, string Kind)>> Links);

    private static Internals? Bind()
    {
        try
        {
            var asm = typeof(NativeGroup).Assembly;
            Type T(string name) => asm.GetType("PureHDF.VOL.Native." + name, throwOnError: true)!;
            var nativeObject = T("NativeObject");
            var headerProp = nativeObject.GetProperty("Header", Any)!;
            var referenceProp = nativeObject.GetProperty("Reference", Any)!;
            var contextProp = nativeObject.GetProperty("Context", Any)!;
            var referenceValue = T("NativeNamedReference").GetProperty("Value", Any)!;
            var scratchField = typeof(NativeGroup).GetField("_scratchPad", Any)!;
            var enumerateNodes = typeof(NativeGroup).GetMethod("EnumerateSymbolTableNodes", Any)!;
            var enumerateDense = typeof(NativeGroup).GetMethod("EnumerateLinkMessagesFromLinkInfoMessage", Any)!;
            var decodeKey = typeof(NativeGroup).GetMethod("DecodeGroupKey", Any)!;
            var getMessages = T("ObjectHeader").GetMethod("GetMessages", Any)!;
            var symbolTableMessage = T("SymbolTableMessage");
            var linkInfoMessage = T("LinkInfoMessage");
            var linkMessage = T("LinkMessage");
            var groupKey = T("BTree1GroupKey");
            var funcOfKey = typeof(Func<>).MakeGenericType(groupKey);
            var getBTreeFromMessage = symbolTableMessage.GetMethod("GetBTree1", Any)!;
            var getBTreeFromScratch = T("ObjectHeaderScratchPad").GetMethod("GetBTree1", Any)!;
            var localHeapOfMessage = symbolTableMessage.GetProperty("LocalHeap", Any)!;
            var localHeapOfScratch = T("ObjectHeaderScratchPad").GetProperty("LocalHeap", Any)!;
            var objectName = T("LocalHeap").GetMethod("GetObjectName", Any)!;
            var groupEntries = T("SymbolTableNode").GetField("GroupEntries", Any) as MemberInfo ?? T("SymbolTableNode").GetProperty("GroupEntries", Any)!;
            var linkNameOffset = T("SymbolTableEntry").GetProperty("LinkNameOffset", Any)!;
            var entryScratch = T("SymbolTableEntry").GetProperty("ScratchPad", Any)!;
            var symbolicScratch = T("SymbolicLinkScratchPad");
            var denseAddress = linkInfoMessage.GetProperty("BTree2NameIndexAddress", Any)!;
            var linkName = linkMessage.GetProperty("LinkName", Any)!;
            var linkInfo = linkMessage.GetProperty("LinkInfo", Any)!;
            var superblock = T("NativeReadContext").GetProperty("Superblock", Any)!;
            var isUndefined = T("Superblock").GetMethod("IsUndefinedAddress", Any)!;
            var hard = T("HardLinkInfo");
            var soft = T("SoftLinkInfo");
            var external = T("ExternalLinkInfo");

            IEnumerable Messages(object header, Type type) => (IEnumerable)getMessages.MakeGenericMethod(type).Invoke(header, null)!;
            object? Member(MemberInfo m, object o) => m is FieldInfo f ? f.GetValue(o) : ((PropertyInfo)m).GetValue(o);

            IEnumerable<(string, string)> SymbolTable(NativeGroup group, object btree, object heap)
            {
                foreach (var node in (IEnumerable)enumerateNodes.Invoke(group, [btree])!)
                    foreach (var entry in (IEnumerable)Member(groupEntries, node)!)
                    {
                        var name = (string)objectName.Invoke(heap, [linkNameOffset.GetValue(entry)])!;
                        yield return (name, symbolicScratch.IsInstanceOfType(entryScratch.GetValue(entry)) ? "soft" : "hard");
                    }
            }

            IEnumerable<(string, string)> Links(NativeGroup group)
            {
                var key = Delegate.CreateDelegate(funcOfKey, group, decodeKey);
                if (scratchField.GetValue(group) is { } scratch)
                    return SymbolTable(group, getBTreeFromScratch.Invoke(scratch, [key])!, localHeapOfScratch.GetValue(scratch)!).ToList();
                var header = headerProp.GetValue(group)!;
                var table = Messages(header, symbolTableMessage).Cast<object>().ToList();
                if (table.Count > 0)
                    return SymbolTable(group, getBTreeFromMessage.Invoke(table[0], [key])!, localHeapOfMessage.GetValue(table[0])!).ToList();
                var info = Messages(header, linkInfoMessage).Cast<object>().ToList();
                if (info.Count == 0) return [];
                var sb = superblock.GetValue(contextProp.GetValue(group))!;
                bool dense = !(bool)isUndefined.Invoke(sb, [denseAddress.GetValue(info[0])])!;
                var messages = dense ? (IEnumerable)enumerateDense.Invoke(group, [info[0]])! : Messages(header, linkMessage);
                var result = new List<(string, string)>();
                foreach (var m in messages)
                {
                    var li = linkInfo.GetValue(m);
                    var kind = hard.IsInstanceOfType(li) ? "hard" : soft.IsInstanceOfType(li) ? "soft" : external.IsInstanceOfType(li) ? "external" : "user-defined";
                    result.Add(((string)linkName.GetValue(m)!, kind));
                }
                return result;
            }

            ulong Address(NativeGroup group) => (ulong)referenceValue.GetValue(referenceProp.GetValue(group))!;

            // A hostile structure can make these internals throw anything; report it as a damaged file.
            return new Internals(
                g => Guard(() => Address(g)),
                g => Guard(() => Links(g)));
        }
        catch (Exception e) when (e is ArgumentException or TypeLoadException or NullReferenceException or AmbiguousMatchException or InvalidOperationException)
        {
            return null;
        }
    }

    private static T Guard<T>(Func<T> read)
    {
        try { return read(); }
        catch (TargetInvocationException e) when (e.InnerException is not OutOfMemoryException)
        {
            throw new InvalidDataException($"its HDF5 group structure is damaged ({e.InnerException!.Message})", e.InnerException);
        }
    }
}
