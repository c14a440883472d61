using Coffer.Core.Policies;

namespace Coffer.Core.Tests.Policies;

public class PolicyEvaluatorTests
{
    private static Policy Policy(string name, params (string Path, string Operations)[] rules) =>
        Coffer.Core.Policies.Policy.Compile(new PolicyDocument(name, rules.Select(r => new PolicyRuleDocument(r.Path,
            r.Operations.Split(',').Select(o => o.Split('=')).ToDictionary(o => o[0], o => o[1]))).ToList()));

    private static bool Allowed(string path, Operation operation, params Policy[] policies) =>
        PolicyEvaluator.Evaluate(policies, root: false, path, operation).Allowed;

    [Fact]
    public void Without_a_matching_rule_everything_is_denied()
    {
        var policy = Policy("p", ("/v1/config/orgs/*", "read=allow"));

        Assert.False(Allowed("/v1/config/users/joe", Operation.Read, policy));
        Assert.False(Allowed("/v1/config/orgs/acme", Operation.Delete, policy));
        Assert.False(Allowed("/anything", Operation.Read));
    }

    [Fact]
    public void A_star_matches_exactly_one_segment()
    {
        var policy = Policy("p", ("/v1/config/orgs/*/projects", "read=allow"));

        Assert.True(Allowed("/v1/config/orgs/acme/projects", Operation.Read, policy));
        Assert.False(Allowed("/v1/config/orgs/projects", Operation.Read, policy));
        Assert.False(Allowed("/v1/config/orgs/a/b/projects", Operation.Read, policy));
    }

    [Fact]
    public void A_double_star_matches_the_path_itself_and_everything_below()
    {
        var policy = Policy("p", ("/v1/config/orgs/*/projects/p1/**", "read=allow"));

        Assert.True(Allowed("/v1/config/orgs/o/projects/p1", Operation.Read, policy));
        Assert.True(Allowed("/v1/config/orgs/o/projects/p1/secrets/s/versions", Operation.Read, policy));
        Assert.False(Allowed("/v1/config/orgs/o/projects/p2/secrets", Operation.Read, policy));
    }

    [Fact]
    public void Most_specific_rule_wins_over_a_broader_allow()
    {
        var policy = Policy("user", ("/**", "all=allow"), ("/v1/config/policy/policies/**", "all=reject,read=allow"));

        Assert.True(Allowed("/v1/config/orgs/acme", Operation.Delete, policy));
        Assert.True(Allowed("/v1/config/policy/policies/root", Operation.Read, policy));
        Assert.False(Allowed("/v1/config/policy/policies/root", Operation.Update, policy));
    }

    [Fact]
    public void More_literal_segments_beat_fewer_even_when_open_ended()
    {
        var policy = Policy("p", ("/v1/config/*/*/secrets", "read=allow"), ("/v1/config/orgs/o/**", "read=reject"));

        Assert.False(Allowed("/v1/config/orgs/o/secrets", Operation.Read, policy));
        Assert.True(Allowed("/v1/config/orgs/other/secrets", Operation.Read, policy));
    }

    [Fact]
    public void A_closed_pattern_beats_an_open_ended_one_with_the_same_literals()
    {
        var policy = Policy("p", ("/v1/a/**", "read=reject"), ("/v1/a/*", "read=allow"));

        Assert.True(Allowed("/v1/a/b", Operation.Read, policy));
        Assert.False(Allowed("/v1/a/b/c", Operation.Read, policy));
    }

    [Fact]
    public void At_equal_specificity_allow_beats_reject()
    {
        var policy = Policy("p", ("/v1/x/*", "read=reject"), ("/v1/*/y", "read=allow"));

        Assert.True(Allowed("/v1/x/y", Operation.Read, policy));
    }

    [Fact]
    public void The_most_permissive_policy_wins()
    {
        var strict = Policy("strict", ("/v1/secrets/**", "all=reject"));
        var reader = Policy("reader", ("/v1/secrets/**", "read=allow"));

        Assert.True(Allowed("/v1/secrets/a", Operation.Read, strict, reader));
        Assert.False(Allowed("/v1/secrets/a", Operation.Update, strict, reader));
    }

    [Fact]
    public void A_rules_own_operation_overrides_its_all()
    {
        var policy = Policy("p", ("/v1/a", "all=allow,delete=reject"));

        Assert.True(Allowed("/v1/a", Operation.Update, policy));
        Assert.False(Allowed("/v1/a", Operation.Delete, policy));
    }

    [Fact]
    public void A_rule_silent_on_an_operation_leaves_it_to_broader_rules()
    {
        var policy = Policy("p", ("/**", "read=allow"), ("/v1/a", "update=reject"));

        Assert.True(Allowed("/v1/a", Operation.Read, policy));
    }

    [Fact]
    public void Root_allows_everything()
    {
        Assert.True(PolicyEvaluator.Evaluate([], root: true, "/v1/sys/seal", Operation.Execute).Allowed);
    }

    [Fact]
    public void Query_strings_and_trailing_slashes_do_not_change_the_decision()
    {
        var policy = Policy("p", ("/v1/a/b", "read=allow"));

        Assert.True(Allowed("/v1/a/b/", Operation.Read, policy));
        Assert.True(Allowed("/v1/a/b?site=x", Operation.Read, policy));
    }

    [Fact]
    public void The_decision_names_the_policy_and_rule_that_made_it()
    {
        var decision = PolicyEvaluator.Evaluate([Policy("ci", ("/v1/a/**", "read=allow"))], false, "/v1/a/b", Operation.Read);

        Assert.Equal(new Decision(true, "ci", "/v1/a/**"), decision);
    }
}
