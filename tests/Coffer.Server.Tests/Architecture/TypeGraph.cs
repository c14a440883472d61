using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Coffer.Server.Tests.Architecture;

/// <summary>
/// Which of an assembly's types use which other types of it, read from the compiled IL with Mono.Cecil: signatures,
/// fields, base types and every type, method and field a method body names. Compiler-generated nested types
/// (lambdas, async state machines, closures) count as the type that wrote them.
/// </summary>
public sealed class TypeGraph
{
    private readonly Dictionary<string, TypeDefinition> _types;
    private readonly Dictionary<string, HashSet<string>> _uses = new(StringComparer.Ordinal);

    private TypeGraph(ModuleDefinition module, string rootNamespace)
    {
        _types = AllTypes(module.Types).Where(t => Owner(t) == t && InScope(t.Namespace, rootNamespace) && t.Name != "<Module>")
            .ToDictionary(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in AllTypes(module.Types))
        {
            var owner = Owner(type);
            if (!_types.ContainsKey(owner.FullName)) continue;
            var uses = _uses.TryGetValue(owner.FullName, out var set) ? set : _uses[owner.FullName] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in Referenced(type))
                if (Resolve(used) is { } target && target != owner.FullName && _types.ContainsKey(target)) uses.Add(target);
        }
    }

    public static TypeGraph Of(Type anyTypeOfTheAssembly, string rootNamespace) =>
        new(ModuleDefinition.ReadModule(anyTypeOfTheAssembly.Assembly.Location), rootNamespace);

    public IEnumerable<TypeDefinition> Types => _types.Values;

    /// <summary>The assembly's own types that <paramref name="type"/> uses.</summary>
    public IEnumerable<TypeDefinition> Uses(TypeDefinition type) =>
        _uses.TryGetValue(type.FullName, out var used) ? used.Select(name => _types[name]) : [];

    /// <summary>Namespace → namespaces it uses, each edge with one type-to-type example (for the failure message).</summary>
    public Dictionary<string, Dictionary<string, string>> NamespaceEdges()
    {
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in Types)
        {
            if (!edges.ContainsKey(type.Namespace)) edges[type.Namespace] = new(StringComparer.Ordinal);
            foreach (var used in Uses(type))
                if (used.Namespace != type.Namespace)
                    edges[type.Namespace].TryAdd(used.Namespace, $"{type.FullName} uses {used.FullName}");
        }
        return edges;
    }

    private static bool InScope(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static IEnumerable<TypeDefinition> AllTypes(IEnumerable<TypeDefinition> types) =>
        types.SelectMany(t => new[] { t }.Concat(AllTypes(t.NestedTypes)));

    private static TypeDefinition Owner(TypeDefinition type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    /// <summary>The full name of the outermost type a reference names, or null for what has none (generic parameters).</summary>
    private static string? Resolve(TypeReference? reference)
    {
        while (reference is TypeSpecification spec) reference = spec.ElementType;
        if (reference is null or GenericParameter) return null;
        while (reference.DeclaringType is { } outer) reference = outer;
        return reference.FullName;
    }

    private static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        if (type.BaseType is { } baseType) foreach (var t in Expand(baseType)) yield return t;
        foreach (var iface in type.Interfaces) foreach (var t in Expand(iface.InterfaceType)) yield return t;
        foreach (var attribute in type.CustomAttributes) foreach (var t in Attribute(attribute)) yield return t;
        foreach (var field in type.Fields) foreach (var t in Expand(field.FieldType)) yield return t;
        foreach (var property in type.Properties) foreach (var t in Expand(property.PropertyType)) yield return t;
        foreach (var method in type.Methods)
        {
            foreach (var t in Signature(method)) yield return t;
            foreach (var attribute in method.CustomAttributes) foreach (var t in Attribute(attribute)) yield return t;
            if (!method.HasBody) continue;
            foreach (var local in method.Body.Variables) foreach (var t in Expand(local.VariableType)) yield return t;
            foreach (var instruction in method.Body.Instructions)
                foreach (var t in Operand(instruction)) yield return t;
        }
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference type => Expand(type),
        MethodReference method => Expand(method.DeclaringType).Concat(Signature(method)).Concat(
            method is GenericInstanceMethod generic ? generic.GenericArguments.SelectMany(Expand) : []),
        FieldReference field => Expand(field.DeclaringType).Concat(Expand(field.FieldType)),
        _ => [],
    };

    private static IEnumerable<TypeReference> Signature(MethodReference method) =>
        Expand(method.ReturnType).Concat(method.Parameters.SelectMany(p => Expand(p.ParameterType)));

    private static IEnumerable<TypeReference> Attribute(CustomAttribute attribute) =>
        Expand(attribute.AttributeType).Concat(attribute.ConstructorArguments.Select(a => a.Value).OfType<TypeReference>().SelectMany(Expand));

    /// <summary>A type with its generic arguments, element types and modifiers, each as a type of its own.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        if (type is null) yield break;
        yield return type;
        if (type is GenericInstanceType generic)
            foreach (var argument in generic.GenericArguments)
                foreach (var t in Expand(argument)) yield return t;
        if (type is TypeSpecification spec)
            foreach (var t in Expand(spec.ElementType)) yield return t;
    }
}
