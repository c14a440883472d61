namespace Coffer.Core.Policies;

/// <summary>
/// A compiled policy. Within it, the most specific rule that matches the path and mentions the operation
/// decides; at equal specificity allow beats reject. A rule's own operations override its `all`.
/// </summary>
public sealed class Policy
{
    public const int MaxRules = 256;

    private Policy(string name, IReadOnlyList<PolicyRule> rules, PolicyDocument document) => (Name, Rules, Document) = (name, rules, document);

    public string Name { get; }
    public IReadOnlyList<PolicyRule> Rules { get; }
    public PolicyDocument Document { get; }

    /// <summary>Validates and compiles; errors name the rule: `rest-api.rules[2].path: …`.</summary>
    public static Policy Compile(PolicyDocument document)
    {
        var name = PolicyNames.Validate(document.Name);
        if (document.Rules.Count > MaxRules) throw new CofferFormatException($"rest-api.rules: at most {MaxRules} rules (got {document.Rules.Count})");
        var rules = new List<PolicyRule>(document.Rules.Count);
        for (var i = 0; i < document.Rules.Count; i++) rules.Add(PolicyRule.Compile(document.Rules[i], $"rest-api.rules[{i}]"));
        return new Policy(name, rules, document);
    }

    /// <summary>Allow, reject, or null when no rule speaks to this path and operation.</summary>
    public PolicyRule? Decide(ReadOnlySpan<char> path, ReadOnlySpan<Range> segments, Operation operation, out bool allowed)
    {
        PolicyRule? best = null;
        allowed = false;
        var bestRank = -1L;
        foreach (var rule in Rules)
        {
            if (rule.Verdict(operation) is not { } verdict || !rule.Pattern.Matches(path, segments)) continue;
            var rank = rule.Pattern.Specificity;
            if (rank > bestRank || (rank == bestRank && verdict && !allowed))
            {
                (best, bestRank, allowed) = (rule, rank, verdict);
            }
        }
        return best;
    }
}
