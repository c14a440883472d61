using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// `--smoke`: every benchmark once, in this process (seconds, for ./test.sh); otherwise BenchmarkDotNet's
// short job in its own processes. Any other arguments go to BenchmarkDotNet (--filter, --artifacts, …).
var smoke = args.Contains("--smoke");
var job = smoke ? Job.Dry.WithToolchain(InProcessEmitToolchain.Instance) : Job.ShortRun;
var config = DefaultConfig.Instance.AddJob(job.WithId(smoke ? "smoke" : "short")).WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args.Where(a => a != "--smoke")], config);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
