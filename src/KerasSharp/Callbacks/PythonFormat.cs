using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KerasSharp.Callbacks;

/// <summary>
/// The part of Python's <c>str.format</c> that Keras' file templates and CSV files use: <c>{name}</c> and
/// <c>{name:spec}</c> fields with format specs such as <c>02d</c>, <c>.2f</c>, <c>.4e</c>, <c>g</c>, <c>+08.3f</c>,
/// <c>{{</c>/<c>}}</c> escapes, and Python's <c>repr</c> of a float (<c>0.1</c>, <c>1e-05</c>, <c>100.0</c>).
/// </summary>
internal static partial class PythonFormat
{
    private static readonly CultureInfo CI = CultureInfo.InvariantCulture;

    [GeneratedRegex(@"^(?:(?<fill>.)?(?<align>[<>=^]))?(?<sign>[+\- ])?(?<zero>0)?(?<width>\d+)?(?<group>[,_])?(?:\.(?<prec>\d+))?(?<type>[deEfFgG%s])?$")]
    private static partial Regex SpecRegex();

    /// <summary>
    /// Fills <paramref name="template"/> from <paramref name="values"/> (ints or doubles). Unknown fields throw
    /// <see cref="KeyNotFoundException"/> naming the field and the available names.
    /// </summary>
    public static string Format(string template, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char ch = template[i];
            if (ch == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (ch == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
            if (ch == '}') throw new FormatException($"Single '}}' in format string \"{template}\".");
            if (ch != '{') { sb.Append(ch); continue; }
            int close = template.IndexOf('}', i + 1);
            if (close < 0) throw new FormatException($"Unclosed '{{' in format string \"{template}\".");
            var field = template[(i + 1)..close];
            int colon = field.IndexOf(':');
            var name = colon < 0 ? field : field[..colon];
            var spec = colon < 0 ? "" : field[(colon + 1)..];
            if (!values.TryGetValue(name, out var value))
                throw new KeyNotFoundException($"No value for field '{name}'. Available: {string.Join(", ", values.Keys)}.");
            sb.Append(FormatValue(value, spec));
            i = close;
        }
        return sb.ToString();
    }

    /// <summary>Formats one int or double with a Python format spec.</summary>
    public static string FormatValue(object value, string spec)
    {
        var m = SpecRegex().Match(spec);
        if (!m.Success) throw new FormatException($"Invalid format specifier '{spec}'.");
        string type = m.Groups["type"].Value;
        int? prec = m.Groups["prec"].Success ? int.Parse(m.Groups["prec"].Value, CI) : null;
        bool isInt = value is int or long;
        double d = Convert.ToDouble(value, CI);
        string body;
        bool negative;
        if (isInt && type is "" or "d")
        {
            long v = Convert.ToInt64(value, CI);
            negative = v < 0;
            var abs = negative ? (-(decimal)v) : v;
            body = m.Groups["group"].Success ? abs.ToString("#,0", CI).Replace(",", m.Groups["group"].Value) : abs.ToString(CI);
        }
        else
        {
            if (type == "d") throw new FormatException($"Unknown format code 'd' for object of type 'float' (value {Repr(d)}).");
            if (type == "s") throw new FormatException($"Unknown format code 's' for a number (value {Repr(d)}).");
            negative = d < 0 || (d == 0 && double.IsNegative(d));
            double a = Math.Abs(d);
            body = type switch
            {
                "f" or "F" => Fixed(a, prec ?? 6, type == "F"),
                "e" or "E" => Exponent(a, prec ?? 6, type == "E"),
                "g" or "G" => General(a, prec ?? 6, type == "G"),
                "%" => Fixed(a * 100, prec ?? 6, false) + "%",
                _ => prec is int p ? General(a, p, false) : Repr(a),
            };
            if (m.Groups["group"].Success && !double.IsInfinity(a) && !double.IsNaN(a)) body = Group(body, m.Groups["group"].Value);
        }
        string sign = negative ? "-" : m.Groups["sign"].Value switch { "+" => "+", " " => " ", _ => "" };
        int width = m.Groups["width"].Success ? int.Parse(m.Groups["width"].Value, CI) : 0;
        char fill = m.Groups["fill"].Success ? m.Groups["fill"].Value[0] : (m.Groups["zero"].Success ? '0' : ' ');
        string align = m.Groups["align"].Success ? m.Groups["align"].Value : (m.Groups["zero"].Success ? "=" : ">");
        int pad = Math.Max(0, width - sign.Length - body.Length);
        return align switch
        {
            "<" => sign + body + new string(fill, pad),
            "^" => new string(fill, pad / 2) + sign + body + new string(fill, pad - pad / 2),
            "=" => sign + new string(fill, pad) + body,
            _ => new string(fill, pad) + sign + body,
        };
    }

    private static string Group(string body, string separator)
    {
        int end = body.IndexOfAny(['.', 'e', 'E', '%']);
        var intPart = end < 0 ? body : body[..end];
        var rest = end < 0 ? "" : body[end..];
        var sb = new StringBuilder();
        for (int i = 0; i < intPart.Length; i++)
        {
            if (i > 0 && (intPart.Length - i) % 3 == 0) sb.Append(separator);
            sb.Append(intPart[i]);
        }
        return sb + rest;
    }

    private static string Special(double a, bool upper) =>
        double.IsNaN(a) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf");

    private static string Fixed(double a, int prec, bool upper) =>
        double.IsFinite(a) ? a.ToString("F" + prec, CI) : Special(a, upper);

    private static string Exponent(double a, int prec, bool upper)
    {
        if (!double.IsFinite(a)) return Special(a, upper);
        var s = a.ToString((prec == 0 ? "0" : "0." + new string('0', prec)) + "e+00", CI);
        return upper ? s.ToUpperInvariant() : s;
    }

    private static string General(double a, int prec, bool upper)
    {
        if (!double.IsFinite(a)) return Special(a, upper);
        if (prec == 0) prec = 1;
        if (a == 0) return "0";
        var e = Exponent(a, prec - 1, false);
        int exp = int.Parse(e[(e.IndexOf('e') + 1)..], CI);
        string s;
        if (exp >= -4 && exp < prec)
            s = StripZeros(a.ToString("F" + (prec - 1 - exp), CI));
        else
        {
            int ePos = e.IndexOf('e');
            s = StripZeros(e[..ePos]) + e[ePos..];
        }
        return upper ? s.ToUpperInvariant() : s;
    }

    private static string StripZeros(string s) => s.Contains('.') ? s.TrimEnd('0').TrimEnd('.') : s;

    /// <summary>Python's <c>repr(float)</c>: the shortest round-trip digits; scientific below 1e-4 and from 1e16.</summary>
    public static string Repr(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        var s = x.ToString("R", CI);
        bool neg = s.StartsWith('-');
        if (neg) s = s[1..];
        int ePos = s.IndexOf('E');
        string mant = ePos < 0 ? s : s[..ePos];
        int exp10 = ePos < 0 ? 0 : int.Parse(s[(ePos + 1)..], CI);
        int dot = mant.IndexOf('.');
        string intPart = dot < 0 ? mant : mant[..dot];
        string all = intPart + (dot < 0 ? "" : mant[(dot + 1)..]);
        string trimmed = all.TrimStart('0');
        string digits = trimmed.TrimEnd('0');
        if (digits.Length == 0) return neg ? "-0.0" : "0.0";
        int e = intPart.Length + exp10 - (all.Length - trimmed.Length) - 1; // value = d.ddd * 10^e
        string r;
        if (e >= -4 && e < 16)
        {
            if (e >= 0)
            {
                var padded = digits.PadRight(e + 1, '0');
                var frac = padded.Length > e + 1 ? padded[(e + 1)..] : "0";
                r = padded[..(e + 1)] + "." + frac;
            }
            else
            {
                r = "0." + new string('0', -e - 1) + digits;
            }
        }
        else
        {
            r = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (e < 0 ? "-" : "+") + Math.Abs(e).ToString("00", CI);
        }
        return neg ? "-" + r : r;
    }
}
