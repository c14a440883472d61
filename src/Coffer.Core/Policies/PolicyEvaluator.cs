namespace Coffer.Core.Policies;

/// <summary>What the policies of a principal say about one request, and which policy and rule said it.</summary>
public readonly record struct Decision(bool Allowed, string? Policy, string? Rule);

/// <summary>
/// Evaluates a set of policies: `root` allows everything; otherwise the most permissive policy wins
/// (allowed if any policy allows); a path no rule matches is denied.
/// </summary>
public static class PolicyEvaluator
{
    private const int MaxSegments = 64;

    public static Decision Evaluate(IReadOnlyList<Policy> policies, bool root, string path, Operation operation)
    {
        if (root) return new Decision(true, PolicyNames.Root, null);
        var span = path.AsSpan();
        var query = span.IndexOfAny('?', '#');
        if (query >= 0) span = span[..query];
        span = span.Trim('/');
        Span<Range> ranges = stackalloc Range[MaxSegments + 1];
        var count = span.IsEmpty ? 0 : span.Split(ranges, '/');
        if (count > MaxSegments) return new Decision(false, null, null);
        var segments = ranges[..count];

        Decision denial = default;
        foreach (var policy in policies)
        {
            var rule = policy.Decide(span, segments, operation, out var allowed);
            if (allowed) return new Decision(true, policy.Name, rule!.Pattern.Text);
            if (rule is not null && denial.Policy is null) denial = new Decision(false, policy.Name, rule.Pattern.Text);
        }
        return denial;
    }
}
