namespace Coffer.Core.Policies;

/// <summary>A policy as written (JSON or YAML become this): a name and REST rules.</summary>
public sealed record PolicyDocument(string Name, IReadOnlyList<PolicyRuleDocument> Rules);

/// <summary>One rule as written: a path pattern and operations, each "allow" or "reject".</summary>
public sealed record PolicyRuleDocument(string Path, IReadOnlyDictionary<string, string> Operations, string? Description = null);
