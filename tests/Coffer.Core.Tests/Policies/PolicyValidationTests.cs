using Coffer.Core.Policies;

namespace Coffer.Core.Tests.Policies;

public class PolicyValidationTests
{
    private static CofferFormatException Refused(string name, string path, params (string Key, string Value)[] operations) =>
        Assert.Throws<CofferFormatException>(() => Policy.Compile(new PolicyDocument(name,
            [new PolicyRuleDocument("/ok", new Dictionary<string, string> { ["read"] = "allow" }),
             new PolicyRuleDocument(path, operations.ToDictionary(o => o.Key, o => o.Value))])));

    [Theory]
    [InlineData("/a/**/b", "rest-api.rules[1].path: '/a/**/b': '**' may only be the last segment")]
    [InlineData("a/b", "rest-api.rules[1].path: 'a/b' must start with '/'")]
    [InlineData("/a//b", "rest-api.rules[1].path: '/a//b' has an empty segment")]
    [InlineData("/a/b*", "a wildcard must be a whole segment")]
    [InlineData("/a?b=1", "may not contain spaces, '?' or '#'")]
    public void A_bad_path_names_its_rule(string path, string message) =>
        Assert.Contains(message, Refused("p", path, ("read", "allow")).Message);

    [Fact]
    public void An_unknown_operation_names_the_rule_and_the_operation() =>
        Assert.Equal("rest-api.rules[1].operations.raed: unknown operation; use create, read, update, delete, execute or all",
            Refused("p", "/a", ("raed", "allow")).Message);

    [Fact]
    public void An_operation_value_must_be_allow_or_reject() =>
        Assert.Contains("rest-api.rules[1].operations.read: 'yes' must be allow or reject", Refused("p", "/a", ("read", "yes")).Message);

    [Fact]
    public void A_rule_without_operations_is_refused() =>
        Assert.Contains("rest-api.rules[1].operations: name at least one", Refused("p", "/a").Message);

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("-leading")]
    [InlineData("has space")]
    public void Policy_names_are_lowercase_words(string name) =>
        Assert.Contains("is not a policy name", Refused(name, "/a", ("read", "allow")).Message);

    [Fact]
    public void Valid_names_include_dots_dashes_and_underscores() =>
        Assert.True(PolicyNames.IsValid("machine-account-1.reader_x"));
}
