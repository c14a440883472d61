namespace Coffer.Core.Policies;

/// <summary>One compiled rule: a path pattern and, per operation, allow (true), reject (false) or silence.</summary>
public sealed class PolicyRule
{
    private readonly bool?[] _verdicts = new bool?[Enum.GetValues<Operation>().Length];

    private PolicyRule(PathPattern pattern, string? description) => (Pattern, Description) = (pattern, description);

    public PathPattern Pattern { get; }
    public string? Description { get; }

    public bool? Verdict(Operation operation) => _verdicts[(int)operation];

    internal static PolicyRule Compile(PolicyRuleDocument document, string where)
    {
        PathPattern pattern;
        try
        {
            pattern = PathPattern.Parse(document.Path);
        }
        catch (CofferFormatException e)
        {
            throw new CofferFormatException($"{where}.path: {e.Message}");
        }
        if (document.Operations.Count == 0)
            throw new CofferFormatException($"{where}.operations: name at least one of create, read, update, delete, execute or all");
        var rule = new PolicyRule(pattern, document.Description);
        bool? all = null;
        foreach (var (name, value) in document.Operations)
        {
            var verdict = value switch
            {
                "allow" => true,
                "reject" => false,
                _ => throw new CofferFormatException($"{where}.operations.{name}: '{value}' must be allow or reject"),
            };
            if (name == Operations.All) all = verdict;
            else if (Operations.TryParse(name, out var operation)) rule._verdicts[(int)operation] = verdict;
            else throw new CofferFormatException($"{where}.operations.{name}: unknown operation; use create, read, update, delete, execute or all");
        }
        for (var i = 0; i < rule._verdicts.Length; i++) rule._verdicts[i] ??= all;
        return rule;
    }
}
