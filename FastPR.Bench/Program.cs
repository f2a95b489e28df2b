BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(FastPR.Bench.BenchProblems).Assembly).Run(args);
