using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Benchmarks;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>
    /// Never crash: every analyzer over every test input and sample (also truncated and with seeded token edits), over the
    /// generated corpus, against net10.0 (and net8.0 for the test inputs), netstandard2.0 / net472 references and C# 7.3 to preview; and every code fix over every
    /// diagnostic found. Any analyzer exception (AD0001) or fix exception fails with the input's name, mutation and seed.
    /// </summary>
    public sealed class CrashSweepTests
    {
        private const int BatchSize = 60;
        private readonly ITestOutputHelper _output;

        public CrashSweepTests(ITestOutputHelper output) => _output = output;

        private async Task<(int Documents, int Diagnostics)> SweepAsync(IReadOnlyList<(string Name, string Text)> inputs, ReferenceSet references, LanguageVersion languageVersion, bool runFixes)
        {
            var failures = new List<string>();
            var diagnostics = 0;
            for (var start = 0; start < inputs.Count; start += BatchSize)
            {
                var batch = inputs.Skip(start).Take(BatchSize).Select((input, i) => ($"/sweep/{i:D3}.cs", input.Text)).ToList();
                var names = inputs.Skip(start).Take(BatchSize).Select(input => input.Name).ToList();
                var project = Harness.CreateProject(batch, references, languageVersion);
                var (found, exceptions) = await Harness.AnalyzeAsync(project);
                diagnostics += found.Length;
                failures.AddRange(exceptions.Select(e => Name(e, names)));
                if (runFixes)
                {
                    failures.AddRange((await Harness.RunEveryFixAsync(project, found)).Select(e => Name(e, names)));
                }
            }

            if (failures.Count > 0)
            {
                // A minimal reproducer: the text of the first failing input, as it was analyzed.
                var first = inputs.FirstOrDefault(input => failures[0].Contains("[" + input.Name + "]", StringComparison.Ordinal));
                var reproducer = first.Text is null ? string.Empty : "\n--- input " + first.Name + " ---\n" + (first.Text.Length > 4000 ? first.Text.Substring(0, 4000) + "\n…" : first.Text);
                Assert.Fail($"{failures.Count} failures; first:\n" + string.Join("""



                    """, failures.Take(3)) + reproducer);
            }

            return (inputs.Count, diagnostics);
        }

        /// <summary>Replaces /sweep/NNN.cs by the input's name (test file, mutation, seed) in a failure message.</summary>
        private static string Name(string failure, List<string> names)
        {
            for (var i = names.Count - 1; i >= 0; i--)
            {
                failure = failure.Replace($"/sweep/{i:D3}.cs", $"/sweep/{i:D3}.cs [{names[i]}]", StringComparison.Ordinal);
            }

            return failure;
        }

        [Theory]
        [InlineData(ReferenceSet.Net100)]
        [InlineData(ReferenceSet.Net80)]
        public async Task Test_inputs_and_samples_never_crash_an_analyzer_or_a_fix(ReferenceSet references)
        {
            var inputs = Harness.TestInputs();
            Assert.True(inputs.Count > 150, $"expected the test suite's inputs, found {inputs.Count}");
            var (documents, diagnostics) = await SweepAsync(inputs, references, LanguageVersion.Latest, runFixes: true);
            _output.WriteLine($"inputs: {documents}, diagnostics fixed-or-offered: {diagnostics}");
        }

        [Theory]
        [InlineData(ReferenceSet.NetStandard20)]
        [InlineData(ReferenceSet.Net472)]
        public async Task Test_inputs_against_older_frameworks_never_crash(ReferenceSet references)
        {
            var (documents, diagnostics) = await SweepAsync(Harness.TestInputs(), references, LanguageVersion.Latest, runFixes: true);
            _output.WriteLine($"{references}: inputs {documents}, diagnostics {diagnostics}");
        }

        [Theory]
        [InlineData(LanguageVersion.CSharp7_3)]
        [InlineData(LanguageVersion.CSharp9)]
        [InlineData(LanguageVersion.CSharp12)]
        [InlineData(LanguageVersion.Preview)]
        public async Task Test_inputs_at_every_language_version_never_crash(LanguageVersion languageVersion)
        {
            var (documents, diagnostics) = await SweepAsync(Harness.TestInputs(), ReferenceSet.Net100, languageVersion, runFixes: false);
            _output.WriteLine($"C# {languageVersion}: inputs {documents}, diagnostics {diagnostics}");
        }

        [Fact]
        public async Task Truncated_and_token_edited_inputs_never_crash_an_analyzer_or_a_fix()
        {
            var mutations = new List<(string Name, string Text)>();
            var seed = 1;
            foreach (var (name, text) in Harness.TestInputs())
            {
                mutations.AddRange(Harness.Mutations(name, text, seed++, truncations: 4 * Harness.Scale, tokenEdits: 3 * Harness.Scale));
            }

            var (documents, diagnostics) = await SweepAsync(mutations, ReferenceSet.Net100, LanguageVersion.Latest, runFixes: true);
            _output.WriteLine($"mutations: {documents}, diagnostics {diagnostics}");
        }

        [Fact]
        public async Task Generated_corpus_never_crashes_an_analyzer_or_a_fix()
        {
            var files = new CorpusGenerator(seed: 3).Generate(6000 * Harness.Scale, linesPerFile: 500);
            var (documents, diagnostics) = await SweepAsync(files, ReferenceSet.Net100, LanguageVersion.Latest, runFixes: true);
            Assert.True(diagnostics > 20, $"the corpus should contain anti-patterns; found {diagnostics} diagnostics");
            _output.WriteLine($"corpus files: {documents}, diagnostics {diagnostics}");
        }
    }
}
