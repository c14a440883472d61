using System.Text.Json;
using Coffer.Cli.Machine;

namespace Coffer.Cli.Tests.Output;

/// <summary>serde_yaml 0.9's choice of scalar style (plain, '', "", |), which `-o yaml` must reproduce for any value.</summary>
public class BwsYamlTests
{
    private static string Yaml(string value) => BwsYaml.Write(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["v"] = value }));

    [Theory]
    [InlineData("", "v: ''\n")]
    [InlineData("plain words", "v: plain words\n")]
    [InlineData("true", "v: 'true'\n")]
    [InlineData("null", "v: 'null'\n")]
    [InlineData("~", "v: '~'\n")]
    [InlineData("yes", "v: yes\n")]
    [InlineData("123", "v: '123'\n")]
    [InlineData("-7", "v: '-7'\n")]
    [InlineData("0123", "v: '0123'\n")]
    [InlineData("0x1F", "v: '0x1F'\n")]
    [InlineData("1.5e3", "v: '1.5e3'\n")]
    [InlineData(".inf", "v: '.inf'\n")]
    [InlineData("1e400", "v: 1e400\n")]
    [InlineData("a:b", "v: a:b\n")]
    [InlineData("a: b", "v: 'a: b'\n")]
    [InlineData("#x", "v: '#x'\n")]
    [InlineData("a #b", "v: 'a #b'\n")]
    [InlineData("- x", "v: '- x'\n")]
    [InlineData("-x", "v: -x\n")]
    [InlineData(" hunter2 ", "v: ' hunter2 '\n")]
    [InlineData("it's", "v: it's\n")]
    [InlineData("'q", "v: '''q'\n")]
    [InlineData("été ☕", "v: été ☕\n")]
    [InlineData("tab\there", "v: \"tab\\there\"\n")]
    [InlineData("bell\u0007", "v: \"bell\\a\"\n")]
    public void A_single_line_string_is_plain_unless_it_would_read_back_as_something_else(string value, string yaml) =>
        Assert.Equal(yaml, Yaml(value));

    [Theory]
    [InlineData("one\ntwo", "v: |-\n  one\n  two\n")]
    [InlineData("one\ntwo\n", "v: |\n  one\n  two\n")]
    [InlineData("one\n\nthree", "v: |-\n  one\n\n  three\n")]
    [InlineData("  indented\nnext", "v: |2-\n    indented\n  next\n")]
    [InlineData("kept\n\n", "v: |+\n  kept\n\n...\n")]
    [InlineData("space \nbreak", "v: \"space \\nbreak\"\n")]
    [InlineData("crlf\r\nline", "v: \"crlf\\r\\nline\"\n")]
    public void A_multi_line_string_is_a_literal_block_when_libyaml_allows_one(string value, string yaml) =>
        Assert.Equal(yaml, Yaml(value));

    [Fact]
    public void A_list_is_a_block_sequence_of_mappings_and_an_empty_one_is_brackets()
    {
        var list = JsonSerializer.SerializeToElement(new[] { new Dictionary<string, string?> { ["a"] = "x\ny", ["b"] = null } });

        Assert.Equal("- a: |-\n    x\n    y\n  b: null\n", BwsYaml.Write(list));
        Assert.Equal("[]\n", BwsYaml.Write(JsonSerializer.SerializeToElement(Array.Empty<string>())));
    }
}
