using KerasSharp.Datasets;

namespace KerasSharp.Utils;

/// <summary>
/// Keras' <c>dataset_utils.index_directory</c> and <c>get_training_or_validation_split</c>: the files of a directory
/// (class sub-folders sorted by name, files walked folder by folder in sorted order, extensions matched
/// case-insensitively), their labels, the NumPy-seeded shuffle, and the validation split.
/// </summary>
internal static class DirectoryIndex
{
    internal sealed record Result(List<string> FilePaths, List<int>? Labels, List<string> ClassNames);

    /// <summary>Keras' argument checks shared by image/text_dataset_from_directory (before touching the disk).</summary>
    internal static void CheckArguments(object? labels, string? labelMode, IReadOnlyList<string>? classNames, double? validationSplit,
        string? subset, bool shuffle, long? seed)
    {
        if (labels is not (null or "inferred"))
        {
            if (labels is not IReadOnlyList<int>)
                throw new ArgumentException("labels should be a list of integer labels (int[]), of the same size as the number of files in the target directory. " +
                    "If you wish to infer the labels from the subdirectory names in the target directory, pass labels = \"inferred\". " +
                    "If you wish to get a dataset that only contains the inputs (no labels), pass labels = null.", nameof(labels));
            if (classNames is not null)
                throw new ArgumentException($"You can only pass classNames if labels = \"inferred\". Received: labels = an explicit list, and classNames = [{string.Join(", ", classNames)}]", nameof(classNames));
        }
        if (labelMode is not (null or "int" or "categorical" or "binary"))
            throw new ArgumentException($"labelMode argument must be one of \"int\", \"categorical\", \"binary\", or null. Received: labelMode={labelMode}", nameof(labelMode));
        if (validationSplit is double v && v != 0 && !(v > 0 && v < 1))
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, $"validationSplit must be between 0 and 1, received: {v}");
        bool hasSplit = validationSplit is double s && s != 0;
        if ((hasSplit || subset is not null) && !(hasSplit && subset is not null))
            throw new ArgumentException("If subset is set, validationSplit must be set, and inversely.", subset is null ? nameof(subset) : nameof(validationSplit));
        if (subset is not (null or "training" or "validation" or "both"))
            throw new ArgumentException($"subset must be either \"training\", \"validation\" or \"both\", received: {subset}", nameof(subset));
        if (hasSplit && shuffle && seed is null)
            throw new ArgumentException("If using validationSplit and shuffling the data, you must provide a seed argument, to make sure that there is no overlap between the training and validation subset.", nameof(seed));
        if (seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"seed must be between 0 and 2**32 - 1 (NumPy's RandomState), but received {seed}.");
    }

    /// <summary>Lists the files and labels; shuffles both with <c>RandomState(seed)</c> as Keras does.</summary>
    internal static Result Index(string directory, IReadOnlyList<int>? explicitLabels, bool inferred, IReadOnlyList<string> formats,
        IReadOnlyList<string>? classNames, bool shuffle, long seed, bool followLinks)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"The directory '{directory}' does not exist.");
        List<string> subdirs;
        if (inferred)
        {
            subdirs = Directory.GetDirectories(directory).Where(d => followLinks || new DirectoryInfo(d).LinkTarget is null)
                .Select(Path.GetFileName).Select(n => n!).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (classNames is not null)
            {
                if (!classNames.All(subdirs.Contains))
                    throw new ArgumentException($"The classNames passed did not match the names of the subdirectories of the target directory. " +
                        $"Expected: [{string.Join(", ", subdirs)}] (or a subset of it), but received: classNames=[{string.Join(", ", classNames)}]", nameof(classNames));
                subdirs = [.. classNames];
            }
        }
        else subdirs = [""];

        var files = new List<string>();
        var labels = new List<int>();
        for (int c = 0; c < subdirs.Count; c++)
        {
            foreach (var file in Walk(Path.Combine(directory, subdirs[c]), formats, followLinks))
            {
                files.Add(file);
                labels.Add(c);
            }
        }
        List<string> names = inferred ? subdirs : [];
        List<int>? resultLabels = inferred ? labels : null;
        if (explicitLabels is not null)
        {
            if (explicitLabels.Count != files.Count)
                throw new ArgumentException($"Expected the lengths of labels to match the number of files in the target directory. len(labels) is {explicitLabels.Count} while we found {files.Count} files in directory {directory}.", "labels");
            resultLabels = [.. explicitLabels];
            names = explicitLabels.Distinct().Order().Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        if (shuffle && files.Count > 0)
        {
            var perm = new NumpyRandomState(seed).Permutation(files.Count); // the same seed shuffles paths and labels identically
            files = perm.Select(i => files[i]).ToList();
            if (resultLabels is not null) resultLabels = perm.Select(i => resultLabels[i]).ToList();
        }
        return new Result(files, resultLabels, names);
    }

    /// <summary>Python's <c>sorted(os.walk(dir))</c> then <c>sorted(files)</c>, keeping files whose lower-cased name ends with a format.</summary>
    private static IEnumerable<string> Walk(string root, IReadOnlyList<string> formats, bool followLinks)
    {
        var dirs = new List<string> { root };
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            foreach (var sub in Directory.GetDirectories(stack.Pop()))
                if (followLinks || new DirectoryInfo(sub).LinkTarget is null) { dirs.Add(sub); stack.Push(sub); }
        }
        foreach (var dir in dirs.OrderBy(d => d, StringComparer.Ordinal))
            foreach (var file in Directory.GetFiles(dir).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
                if (formats.Any(f => Path.GetFileName(file).ToLowerInvariant().EndsWith(f, StringComparison.Ordinal)))
                    yield return file;
    }

    /// <summary>Keras' split: validation is the last <c>int(split * n)</c> samples, training the rest.</summary>
    internal static (int Start, int Count) Subset(int total, double validationSplit, string subset)
    {
        int numVal = (int)(validationSplit * total);
        return subset == "training" ? (0, total - numVal) : (total - numVal, numVal);
    }
}
