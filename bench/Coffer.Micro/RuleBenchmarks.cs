using BenchmarkDotNet.Attributes;
using Coffer.Core.Durations;
using Coffer.Core.Network;
using Coffer.Core.Policies;

namespace Coffer.Micro;

/// <summary>Policy evaluation (the Authorizer's core) and the duration and CIDR parsers.</summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private readonly IReadOnlyList<Policy> _policies = [Policy.Compile(ReaderPolicy()), Policy.Compile(DefaultLike())];
    private const string SecretPath = "/v1/config/orgs/7f3c1a52-0c0e-4a8e-9a56-2d4f0c1b9e11/projects/4958798d-c810-46b8-a06d-532e0e7a64ec/secrets/0e9a1b7c-3d55-4c1f-8f6b-5a2f8a7d9c01";

    [Benchmark(Description = "policy evaluation: 2 policies, 22 rules, a secret path")]
    public bool Evaluate() => PolicyEvaluator.Evaluate(_policies, false, SecretPath, Operation.Read).Allowed;

    [Benchmark(Description = "duration parse `1y2d5h10m30s`")]
    public TimeSpan ParseDuration() => Duration.TryParse("1y2d5h10m30s", out var value, out _) ? value : TimeSpan.Zero;

    [Benchmark(Description = "CIDR parse `192.168.1.0/24`")]
    public bool ParseIpv4Cidr() => CidrBlock.TryParse("192.168.1.0/24", out _, out _);

    [Benchmark(Description = "CIDR parse `2001:db8:abcd::/48`")]
    public bool ParseIpv6Cidr() => CidrBlock.TryParse("2001:db8:abcd::/48", out _, out _);

    private static PolicyDocument ReaderPolicy() => new("ci-reader",
    [
        .. Enumerable.Range(0, 20).Select(i => new PolicyRuleDocument($"/v1/config/orgs/*/projects/{Guid.NewGuid()}/**", new Dictionary<string, string> { ["read"] = "allow" })),
        new PolicyRuleDocument("/v1/config/orgs/*/projects/4958798d-c810-46b8-a06d-532e0e7a64ec/**", new Dictionary<string, string> { ["read"] = "allow" }),
    ]);

    private static PolicyDocument DefaultLike() => new("default-like",
        [new PolicyRuleDocument("/v1/state/strongbox/token/info", new Dictionary<string, string> { ["execute"] = "allow" })]);
}
