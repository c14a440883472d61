using Coffer.Server.Domain;
using Coffer.Core;
using Coffer.Core.Policies;
using Coffer.Server.Auth;
using Coffer.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Coffer.Server.Policies;

/// <summary>/v1/config/policy/policies[/name]: list, read, create (POST), write (PUT), patch, delete.</summary>
public static class PolicyEndpoints
{
    public const string Collection = "/v1/config/policy/policies";

    public static void MapPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup(Collection).AddEndpointFilter<SiteFilter>();
        policies.MapGet("", ListAsync);
        policies.MapPost("", CreateAsync);
        policies.MapGet("/{name}", ReadAsync);
        policies.MapPut("/{name}", WriteAsync);
        policies.MapPatch("/{name}", PatchAsync);
        policies.MapDelete("/{name}", DeleteAsync);
    }

    private static async Task<NativeResult<PolicyList>> ListAsync(Principal caller, HttpContext context, PolicyCatalog catalog, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, Collection, Operation.Read, context.RequestAborted);
        var (limit, after) = Paging.Read(context.Request);
        var (names, next) = await catalog.ListAsync(after, limit, context.RequestAborted);
        return Native.Ok(new PolicyList(names, next), PoliciesJson.Native.PolicyList);
    }

    private static async Task<NativeResult<PolicyDto>> ReadAsync(string name, Principal caller, HttpContext context, PolicyCatalog catalog, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Read, context.RequestAborted);
        var document = await catalog.DocumentAsync(name, context.RequestAborted) ?? throw new NotFoundException($"no policy named '{name}'");
        return Native.Ok(PolicyDto.From(document), PoliciesJson.Native.PolicyDto);
    }

    private static async Task<IResult> CreateAsync(Principal caller, HttpContext context, PolicyCatalog catalog, Authorizer authorizer, TimeProvider time)
    {
        var body = await ReadBodyAsync(context);
        var name = body.Name ?? throw new InvalidException("name: give the new policy's name");
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Create, context.RequestAborted);
        if (!await catalog.PutAsync(Compile(body, name), onlyIfNew: true, time.GetUtcNow(), context.RequestAborted))
            throw new ConflictException($"a policy named '{name}' exists; use PUT {Collection}/{name} to replace it");
        return TypedResults.Created($"{Collection}/{name}");
    }

    private static async Task<IResult> WriteAsync(string name, Principal caller, HttpContext context, PolicyCatalog catalog, Authorizer authorizer, TimeProvider time)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Update, context.RequestAborted);
        var body = await ReadBodyAsync(context);
        if (body.Name is not null && body.Name != name) throw new InvalidException($"name: the body names '{body.Name}' but the path names '{name}'");
        await catalog.PutAsync(Compile(body, name), onlyIfNew: false, time.GetUtcNow(), context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Plain merge patch: the fields given replace the stored ones (the rule list as a whole).</summary>
    private static async Task<IResult> PatchAsync(string name, Principal caller, HttpContext context, PolicyCatalog catalog, Authorizer authorizer, TimeProvider time)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Update, context.RequestAborted);
        var existing = await catalog.DocumentAsync(name, context.RequestAborted) ?? throw new NotFoundException($"no policy named '{name}'");
        var body = await ReadBodyAsync(context);
        if (body.Name is not null && body.Name != name) throw new InvalidException("name: a policy cannot be renamed; create a new one");
        var merged = body.RestApi?.Rules is null ? PolicyDto.From(existing) : body with { Name = name };
        await catalog.PutAsync(Compile(merged, name), onlyIfNew: false, time.GetUtcNow(), context.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> DeleteAsync(string name, Principal caller, HttpContext context, PolicyCatalog catalog, Authorizer authorizer)
    {
        await authorizer.RequireAsync(caller, $"{Collection}/{name}", Operation.Delete, context.RequestAborted);
        return await catalog.DeleteAsync(name, context.RequestAborted) ? TypedResults.NoContent() : throw new NotFoundException($"no policy named '{name}'");
    }

    private static ValueTask<PolicyDto> ReadBodyAsync(HttpContext context) =>
        RequestBody.ReadAsync(context, PoliciesJson.Native.PolicyDto, () => throw new InvalidException("send the policy document: name and rest-api.rules"));

    private static PolicyDocument Compile(PolicyDto body, string name)
    {
        var document = body.ToDocument(name);
        try
        {
            Policy.Compile(document);
        }
        catch (CofferFormatException e)
        {
            throw new InvalidException(e.Message);
        }
        return document;
    }
}
