using Coffer.Core.Durations;
using Coffer.Core.Network;
using Coffer.Core.Policies;

namespace Coffer.Core.Tests.Fuzzing;

/// <summary>
/// Seeded random strings and mutations of valid inputs: the parsers either succeed (and then
/// round-trip) or throw their own CofferFormatException — never anything else.
/// </summary>
public class ParserFuzzTests
{
    private const string Alphabet = "0123456789ydhmsx./:-*+abcdef%  \t ysmhd::ff/";
    private static readonly string[] DurationSeeds = ["1y2d5h", "10m30s", "0s", "32d", "5h"];
    private static readonly string[] CidrSeeds = ["192.168.1.0/24", "fe80::/64", "10.0.0.1", "::ffff:1.2.3.4/128", "0.0.0.0/0"];
    private static readonly string[] PathSeeds = ["/v1/config/**", "/v1/*/x", "/a/b/c", "/"];

    private static IEnumerable<string> Inputs(int seed, string[] seeds, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                var length = random.Next(0, 24);
                yield return new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
                continue;
            }
            var chars = seeds[random.Next(seeds.Length)].ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0 when chars.Count > 0: chars.RemoveAt(at); break;
                    case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: if (chars.Count > 0) chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }
            }
            yield return new string(chars.ToArray());
        }
    }

    [Fact]
    public void The_duration_parser_only_ever_throws_its_own_error()
    {
        foreach (var input in Inputs(1, DurationSeeds, 20_000))
        {
            try
            {
                var value = Duration.Parse(input);
                Assert.Equal(value, Duration.Parse(Duration.Format(value)));
            }
            catch (CofferFormatException) { }
        }
    }

    [Fact]
    public void The_cidr_parser_only_ever_throws_its_own_error()
    {
        foreach (var input in Inputs(2, CidrSeeds, 20_000))
        {
            try
            {
                var block = CidrBlock.Parse(input);
                Assert.Equal(block, CidrBlock.Parse(block.ToString()));
            }
            catch (CofferFormatException) { }
        }
    }

    [Fact]
    public void The_policy_validator_only_ever_throws_its_own_error()
    {
        var random = new Random(3);
        string[] names = ["read", "all", "raed", "execute", ""];
        string[] values = ["allow", "reject", "maybe", ""];
        foreach (var path in Inputs(4, PathSeeds, 10_000))
        {
            try
            {
                var policy = Policy.Compile(new PolicyDocument("p", [new PolicyRuleDocument(path,
                    new Dictionary<string, string> { [names[random.Next(names.Length)]] = values[random.Next(values.Length)] })]));
                PolicyEvaluator.Evaluate([policy], false, path, Operation.Read);
            }
            catch (CofferFormatException) { }
        }
    }
}
