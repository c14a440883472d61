using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Coffer.Server.Configuration;

/// <summary>One raw setting: a scalar or a list, and where it came from (for error messages).</summary>
public sealed record RawSetting(string Path, IReadOnlyList<string> Values, string Origin, bool IsList)
{
    public string Value => Values.Count == 1 ? Values[0] : string.Join(",", Values);
}

/// <summary>Flattens a YAML config file into dotted paths: storage: {sqlite: {path: x}} → storage.sqlite.path.</summary>
public static class YamlSettingsReader
{
    public static IEnumerable<RawSetting> Read(string file)
    {
        if (!File.Exists(file)) throw new SettingsException($"config file {file} does not exist");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            throw new SettingsException($"{file}: not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count == 0) return [];
        if (stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }) return [];
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new SettingsException($"{file}: the top level must be a mapping of settings (key: value)");
        var settings = new List<RawSetting>();
        Flatten(root, "", file, settings);
        return settings;
    }

    private static void Flatten(YamlMappingNode mapping, string prefix, string file, List<RawSetting> into)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var path = prefix + ((YamlScalarNode)keyNode).Value;
            var origin = $"{file} line {keyNode.Start.Line} ({path})";
            switch (valueNode)
            {
                case YamlMappingNode { Children.Count: 0 }:
                    into.Add(new RawSetting(path, [""], origin, false));
                    break;
                case YamlMappingNode child:
                    Flatten(child, path + ".", file, into);
                    break;
                case YamlSequenceNode list:
                    into.Add(new RawSetting(path, list.Children.Select(c => c is YamlScalarNode s ? s.Value ?? "" :
                        throw new SettingsException($"{origin}: list entries must be plain values")).ToList(), origin, true));
                    break;
                case YamlScalarNode scalar:
                    into.Add(new RawSetting(path, [scalar.Value ?? ""], origin, false));
                    break;
            }
        }
    }
}
