using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coffer.Cli.Commands;

/// <summary>
/// `coffer bench-ceiling`: the benchmarks' baseline — bare Kestrel answering a constant, from this same
/// build, so every throughput target is a ratio against what this machine can do at all.
/// </summary>
public static class BenchCeilingCommand
{
    public static Command Create()
    {
        var http = new Option<string>("--http") { Description = "Listen address ADDR:PORT", DefaultValueFactory = _ => "127.0.0.1:8299" };
        var command = new Command("bench-ceiling", "Bare Kestrel for benchmark baselines") { Hidden = true };
        command.Options.Add(http);
        command.SetAction(async (parse, cancel) =>
        {
            if (!Server.Configuration.ListenAddressParser.TryParse(parse.GetValue(http)!, out var address, out var error)) throw new CliException(error);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => { kestrel.AddServerHeader = false; kestrel.Listen(address.Address, address.Port); });
            var app = builder.Build();
            app.MapGet("/", () => TypedResults.Text("ok"));
            await app.StartAsync(cancel);
            Console.Out.WriteLine($"ceiling listening on {app.Urls.First()}");
            await app.WaitForShutdownAsync(cancel);
            return 0;
        });
        return command;
    }
}
