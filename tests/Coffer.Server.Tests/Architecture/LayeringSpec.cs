using Mono.Cecil;

namespace Coffer.Server.Tests.Architecture;

/// <summary>
/// The design the compiler cannot hold alone (DESIGN.md, "Shape of the code"): endpoints parse and answer, managers
/// decide, stores persist. Read from the compiled server, so a new cycle or a shortcut to a store fails here.
/// </summary>
public sealed class LayeringSpec
{
    private const string Root = "Coffer.Server";
    private static readonly TypeGraph Graph = TypeGraph.Of(typeof(CofferHost), Root);

    /// <summary>Store contracts: the interfaces Storage/Sql implements (ITokenStore, ISecretStore…).</summary>
    private static readonly HashSet<string> StoreContracts = Graph.Types
        .Where(t => t.Namespace == Root + ".Storage.Sql")
        .SelectMany(t => t.Interfaces.Select(i => i.InterfaceType.FullName))
        .Where(name => name.StartsWith(Root + ".", StringComparison.Ordinal))
        .ToHashSet(StringComparer.Ordinal);

    private static bool IsEndpoints(TypeDefinition type) =>
        type.IsAbstract && type.IsSealed && (type.Name.EndsWith("Endpoints", StringComparison.Ordinal) || type.Name.EndsWith("Api", StringComparison.Ordinal));

    private static bool IsStoreSide(TypeDefinition type) =>
        StoreContracts.Contains(type.FullName) || type.Namespace.StartsWith(Root + ".Storage", StringComparison.Ordinal);

    [Fact]
    public void The_namespaces_of_the_server_form_no_cycle()
    {
        var edges = Graph.NamespaceEdges();
        var cycles = StronglyConnected(edges).Where(component => component.Count > 1).ToList();
        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles.Select(c => Describe(c, edges))));
    }

    [Fact]
    public void No_endpoint_touches_a_store_or_the_database()
    {
        var shortcuts = Graph.Types.Where(IsEndpoints)
            .SelectMany(endpoint => Graph.Uses(endpoint).Where(IsStoreSide).Select(store => $"{endpoint.FullName} uses {store.FullName}"))
            .ToList();
        Assert.True(StoreContracts.Count >= 6, $"found only {StoreContracts.Count} store contracts: the rule would check nothing");
        Assert.True(shortcuts.Count == 0, "endpoints must go through their feature's manager:\n" + string.Join("\n", shortcuts));
    }

    [Fact]
    public void A_store_is_reached_only_from_its_own_feature()
    {
        var outsiders = Graph.Types
            .Where(t => t.Namespace != Root && !t.Namespace.StartsWith(Root + ".Storage", StringComparison.Ordinal))
            .SelectMany(user => Graph.Uses(user)
                .Where(used => StoreContracts.Contains(used.FullName) && used.Namespace != user.Namespace)
                .Select(store => $"{user.FullName} uses {store.FullName}"))
            .ToList();
        Assert.True(outsiders.Count == 0, "a feature's store is its own; ask its manager instead:\n" + string.Join("\n", outsiders));
    }

    [Fact]
    public void Stores_are_internal_so_nothing_outside_the_server_sees_them()
    {
        var stores = Graph.Types.Where(t => StoreContracts.Contains(t.FullName) || (t.Namespace == Root + ".Storage.Sql" && t.Name.EndsWith("Store", StringComparison.Ordinal)));
        var visible = stores.Where(t => t.IsPublic).Select(t => t.FullName).ToList();
        Assert.True(visible.Count == 0, "public stores: " + string.Join(", ", visible));
    }

    [Fact]
    public void Managers_decide_without_knowing_HTTP()
    {
        var managers = Graph.Types.Where(t => t.Name.EndsWith("Manager", StringComparison.Ordinal)).ToList();
        var http = managers.SelectMany(m => AspNetReferences(m).Select(r => $"{m.FullName} uses {r}"))
            .Concat(managers.SelectMany(m => Graph.Uses(m).Where(u => u.Namespace == Root + ".Http" && u.Name != "Rfc3339Converter").Select(u => $"{m.FullName} uses {u.FullName}")))
            .ToList();
        Assert.True(managers.Count >= 8, $"found only {managers.Count} managers");
        Assert.True(http.Count == 0, "managers throw domain errors (Coffer.Server.Domain); the surfaces map them to statuses:\n" + string.Join("\n", http));
    }

    [Fact]
    public void Only_the_HTTP_plumbing_raises_HTTP_statuses()
    {
        var raisers = Graph.Types.Where(t => t.Namespace != Root + ".Http")
            .SelectMany(t => Graph.Uses(t).Where(u => u.FullName == Root + ".Http.ApiException").Select(_ => t.FullName))
            .ToList();
        Assert.True(raisers.Count == 0, "throw a domain error (Coffer.Server.Domain) instead of ApiException in: " + string.Join(", ", raisers));
    }

    [Fact]
    public void The_domain_kernel_depends_on_nothing_of_the_server()
    {
        var uses = Graph.Types.Where(t => t.Namespace == Root + ".Domain").SelectMany(t => Graph.Uses(t).Where(u => u.Namespace != Root + ".Domain")
            .Select(u => $"{t.FullName} uses {u.FullName}")).ToList();
        Assert.True(uses.Count == 0, string.Join("\n", uses));
    }

    private static IEnumerable<string> AspNetReferences(TypeDefinition type)
    {
        var all = new[] { type }.Concat(Nested(type));
        return all.SelectMany(t => t.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
                .Select(i => i.Operand switch { MethodReference m => m.DeclaringType, TypeReference r => r, FieldReference f => f.DeclaringType, _ => null })
                .Concat(t.Methods.SelectMany(m => m.Parameters.Select(p => p.ParameterType)))
                .Concat(t.Fields.Select(f => f.FieldType)))
            .Where(r => r is not null && r.Namespace.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            .Select(r => r!.FullName).Distinct();
    }

    private static IEnumerable<TypeDefinition> Nested(TypeDefinition type) => type.NestedTypes.SelectMany(n => new[] { n }.Concat(Nested(n)));

    private static string Describe(List<string> component, Dictionary<string, Dictionary<string, string>> edges) =>
        string.Join(", ", component) + "\n    " + string.Join("\n    ",
            component.SelectMany(from => edges[from].Where(e => component.Contains(e.Key)).Select(e => e.Value)));

    /// <summary>Tarjan's strongly connected components: every component of more than one namespace is a cycle.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();
        var counter = 0;

        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.TryGetValue(node, out var targets) ? targets.Keys.ToList() : [])
            {
                if (!index.ContainsKey(next)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                else if (onStack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do { member = stack.Pop(); onStack.Remove(member); component.Add(member); } while (member != node);
            components.Add(component);
        }

        foreach (var node in edges.Keys.ToList())
            if (!index.ContainsKey(node)) Visit(node);
        return components;
    }
}
