using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Tests.Conventions;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Robustness
{
    /// <summary>Runs every analyzer and every code fix of the package over arbitrary documents and collects failures.</summary>
    internal static class Harness
    {
        /// <summary>Multiplies the mutation counts: ASYNC_ROBUSTNESS_SCALE=20 for the large run documented in docs/reliability.md.</summary>
        public static int Scale => int.TryParse(Environment.GetEnvironmentVariable("ASYNC_ROBUSTNESS_SCALE"), out var scale) && scale > 0 ? scale : 1;

        public static Project CreateProject(IReadOnlyList<(string Path, string Text)> documents, ReferenceSet references = ReferenceSet.Net100, LanguageVersion languageVersion = LanguageVersion.Latest, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary, IReadOnlyList<(string Path, string Text)>? analyzerConfigs = null)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Create(),
                "Sweep",
                "Sweep",
                LanguageNames.CSharp,
                // Rules that ship disabled are switched on: the sweeps cover every rule.
                compilationOptions: new CSharpCompilationOptions(outputKind, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable)
                    .WithSpecificDiagnosticOptions(Conventions.Repository.Descriptors.Where(d => !d.IsEnabledByDefault).ToDictionary(d => d.Id, _ => ReportDiagnostic.Info)),
                parseOptions: new CSharpParseOptions(languageVersion),
                metadataReferences: ReferenceSets.Get(references)));
            foreach (var (path, text) in documents)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text, Encoding.UTF8), filePath: path);
            }

            foreach (var (path, text) in analyzerConfigs ?? Array.Empty<(string, string)>())
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text, Encoding.UTF8), filePath: path);
            }

            return solution.GetProject(projectId)!;
        }

        /// <summary>Our diagnostics, and a line per analyzer exception (AD0001).</summary>
        public static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<string> Exceptions)> AnalyzeAsync(Project project, CancellationToken cancellationToken = default)
        {
            var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                (e, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add($"{analyzer.GetType().Name} threw at {diagnostic.Location.GetLineSpan()}: {e}");
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(Repository.Analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            return (diagnostics, exceptions);
        }

        /// <summary>Registers and computes every code action of every fix provider for every diagnostic; returns the failures.</summary>
        public static async Task<List<string>> RunEveryFixAsync(Project project, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
        {
            var failures = new List<string>();
            foreach (var diagnostic in diagnostics)
            {
                if (!diagnostic.Location.IsInSource || project.GetDocument(diagnostic.Location.SourceTree) is not { } document)
                {
                    continue;
                }

                foreach (var provider in Repository.CodeFixes.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    try
                    {
                        var actions = new List<CodeAction>();
                        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), cancellationToken)).ConfigureAwait(false);
                        foreach (var action in actions)
                        {
                            _ = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failures.Add($"{provider.GetType().Name} threw on {diagnostic.Id} at {diagnostic.Location.GetLineSpan()}: {e}");
                    }
                }
            }

            return failures;
        }

        /// <summary>The C# snippets of the test suite: raw string literals of the test sources, markup removed, plus the samples.</summary>
        public static List<(string Name, string Text)> TestInputs()
        {
            var inputs = new List<(string, string)>();
            var testsRoot = Path.Combine(Repository.Root, "tests", "AsyncAnalyzers.Tests");
            foreach (var file in Directory.EnumerateFiles(testsRoot, "*Tests.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                var index = 0;
                foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
                {
                    if (!literal.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                    {
                        continue;
                    }

                    var text = literal.Token.ValueText;
                    if (!text.Contains("class ", StringComparison.Ordinal) && !text.Contains("await ", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    try
                    {
                        TestFileMarkupParser.GetSpans(text, out var clean, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
                        text = clean;
                    }
                    catch (ArgumentException)
                    {
                        // not markup after all: keep the text as it is
                    }

                    inputs.Add(($"{Path.GetFileNameWithoutExtension(file)}#{index++}", text));
                }
            }

            foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root, "samples"), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                         .OrderBy(f => f, StringComparer.Ordinal))
            {
                inputs.Add(($"samples/{Path.GetFileName(file)}", File.ReadAllText(file)));
            }

            return inputs;
        }

        /// <summary>Seeded mutations of a text: truncations at evenly spaced points, single-token deletions and duplications.</summary>
        public static IEnumerable<(string Name, string Text)> Mutations(string name, string text, int seed, int truncations, int tokenEdits)
        {
            for (var i = 1; i <= truncations; i++)
            {
                var at = (int)((long)text.Length * i / (truncations + 1));
                yield return ($"{name}|truncate@{at}", text.Substring(0, at));
            }

            var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
            if (tokens.Count == 0)
            {
                yield break;
            }

            var random = new Random(seed);
            for (var i = 0; i < tokenEdits; i++)
            {
                var token = tokens[random.Next(tokens.Count)];
                var duplicate = random.Next(2) == 0;
                var mutated = duplicate
                    ? text.Insert(token.Span.End, " " + token.Text)
                    : text.Remove(token.Span.Start, token.Span.Length);
                yield return ($"{name}|seed={seed}|{(duplicate ? "duplicate" : "delete")}@{token.Span.Start}:'{token.Text}'", mutated);
            }
        }
    }
}
