using System.Text.RegularExpressions;

namespace Coffer.Server.Http;

/// <summary>How a plain (unquoted) YAML scalar resolves under the YAML 1.2 core schema.</summary>
internal static partial class YamlScalars
{
    public enum Kind { Null, Boolean, Integer, Float, String }

    public static Kind Resolve(string plain) => plain switch
    {
        "" or "~" or "null" or "Null" or "NULL" => Kind.Null,
        "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => Kind.Boolean,
        _ when Integer().IsMatch(plain) => Kind.Integer,
        _ when Float().IsMatch(plain) => Kind.Float,
        _ => Kind.String,
    };

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Float();
}
