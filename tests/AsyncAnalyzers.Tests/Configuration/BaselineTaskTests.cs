extern alias tasks;

using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using tasks::AsyncAnalyzers.Tasks;

namespace AsyncAnalyzers.Tests.Configuration
{
    /// <summary>
    /// The task that runs after a build with a baseline: it reads the compiler's SARIF log and reports the entries that
    /// match nothing any more. A user's ErrorLog shared by a solution's projects may be half written by another project's
    /// compiler when it reads it; checking stale entries is then skipped, the build does not fail.
    /// </summary>
    [Trait("Rule", "ASYNC001")]
    public sealed class BaselineTaskTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "asyncanalyzers-task-" + Guid.NewGuid().ToString("N"));

        public BaselineTaskTests()
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllText(Path.Combine(_directory, "Program.cs"), "class P\n{\n    void M() { System.Threading.Thread.Sleep(10); }\n}\n");
            // One entry that still matches the log's diagnostic, one whose line is gone.
            File.WriteAllText(
                Path.Combine(_directory, "AsyncAnalyzers.baseline.txt"),
                "ASYNC101\tProgram.cs\t0\tvoid M() { System.Threading.Thread.Sleep(10); }\nASYNC102\tProgram.cs\t0\tvar x = Load().Result;\n");
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        private string CompleteLog()
        {
            var uri = new Uri(Path.Combine(_directory, "Program.cs")).AbsoluteUri;
            return "{ \"version\": \"2.1.0\", \"runs\": [ { \"results\": [ { \"ruleId\": \"ASYNC101\", \"locations\": [ { \"physicalLocation\": "
                + "{ \"artifactLocation\": { \"uri\": \"" + uri + "\" }, \"region\": { \"startLine\": 3, \"startColumn\": 16 } } } ] } ] } ] }";
        }

        private (bool Result, Engine Engine) Run(string? log, bool update)
        {
            var path = Path.Combine(_directory, "build.sarif");
            if (log is not null)
            {
                File.WriteAllText(path, log);
            }

            var engine = new Engine();
            var task = new AsyncAnalyzersBaseline
            {
                BuildEngine = engine,
                BaselineFile = Path.Combine(_directory, "AsyncAnalyzers.baseline.txt"),
                ErrorLogs = new ITaskItem[] { new TaskItem(path) },
                SourceFiles = new ITaskItem[] { new TaskItem(Path.Combine(_directory, "Program.cs")) },
                Update = update,
            };
            return (task.Execute(), engine);
        }

        [Fact]
        public void A_complete_log_reports_the_stale_entry_only()
        {
            var (result, engine) = Run(CompleteLog(), update: false);

            Assert.True(result);
            Assert.Empty(engine.Errors);
            var stale = Assert.Single(engine.Messages, m => m.StartsWith("stale baseline entry", StringComparison.Ordinal));
            Assert.Equal("stale baseline entry: ASYNC102 Program.cs: var x = Load().Result;", stale);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(40)]
        [InlineData(120)]
        public void A_half_written_log_skips_the_check_without_failing_the_build(int length)
        {
            var complete = CompleteLog();
            var (result, engine) = Run(complete.Substring(0, Math.Min(length, complete.Length - 1)), update: false);

            Assert.True(result);
            Assert.Empty(engine.Errors);
            Assert.Empty(engine.Warnings);
            Assert.DoesNotContain(engine.Messages, m => m.StartsWith("stale baseline entry", StringComparison.Ordinal));
            Assert.Contains(engine.Messages, m => m.Contains("could not be read", StringComparison.Ordinal) && m.Contains("Stale baseline entries are not checked", StringComparison.Ordinal));
        }

        [Fact]
        public void An_update_with_an_unreadable_log_fails_and_keeps_the_baseline()
        {
            var before = File.ReadAllText(Path.Combine(_directory, "AsyncAnalyzers.baseline.txt"));

            var (result, engine) = Run(CompleteLog().Substring(0, 60), update: true);

            Assert.False(result);
            var error = Assert.Single(engine.Errors);
            Assert.Contains("not valid JSON", error, StringComparison.Ordinal);
            Assert.Equal(before, File.ReadAllText(Path.Combine(_directory, "AsyncAnalyzers.baseline.txt")));
        }

        [Fact]
        public void A_missing_log_skips_the_check()
        {
            var (result, engine) = Run(log: null, update: false);

            Assert.True(result);
            Assert.Empty(engine.Errors);
            Assert.DoesNotContain(engine.Messages, m => m.StartsWith("stale baseline entry", StringComparison.Ordinal));
        }

        private sealed class Engine : IBuildEngine
        {
            public List<string> Errors { get; } = new();

            public List<string> Warnings { get; } = new();

            public List<string> Messages { get; } = new();

            public bool ContinueOnError => false;

            public int LineNumberOfTaskNode => 0;

            public int ColumnNumberOfTaskNode => 0;

            public string ProjectFileOfTaskNode => "test.csproj";

            public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

            public void LogCustomEvent(CustomBuildEventArgs e)
            {
            }

            public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e.Message ?? string.Empty);

            public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? string.Empty);

            public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e.Message ?? string.Empty);
        }
    }
}
