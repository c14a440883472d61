using Coffer.Core.Policies;

namespace Coffer.Server.Policies;

/// <summary>The policy document on the wire (kebab-case JSON or YAML), as the contract shows it.</summary>
public sealed record PolicyDto
{
    public string? Name { get; init; }
    public RestApiDto? RestApi { get; init; }

    public PolicyDocument ToDocument(string name) =>
        new(name, (RestApi?.Rules ?? []).Select(r => new PolicyRuleDocument(r.Path ?? "", r.Operations ?? new Dictionary<string, string>(), r.Description)).ToList());

    public static PolicyDto From(PolicyDocument document) => new()
    {
        Name = document.Name,
        RestApi = new RestApiDto { Rules = document.Rules.Select(r => new RuleDto { Path = r.Path, Operations = r.Operations, Description = r.Description }).ToList() },
    };
}

public sealed record RestApiDto
{
    public IReadOnlyList<RuleDto>? Rules { get; init; }
}

public sealed record RuleDto
{
    public string? Path { get; init; }
    public IReadOnlyDictionary<string, string>? Operations { get; init; }
    public string? Description { get; init; }
}

public sealed record PolicyList(IReadOnlyList<string> Policies, string? NextAfter);
