using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// Our stand-in for Microsoft.CodeAnalysis.CSharp.Testing's CSharpAnalyzerTest: same property names and markup,
    /// so swapping to the official package is mechanical. Fails (VerifierException) on missing, extra or misplaced
    /// diagnostics, on undeclared compiler errors, and on any analyzer exception (AD0001).
    /// </summary>
    public class AnalyzerTest<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        public ProjectState TestState { get; } = new ProjectState();

        /// <summary>Shorthand for one source file in <see cref="TestState"/>.</summary>
        public string TestCode
        {
            set => TestState.Sources.Add(value);
        }

        public List<DiagnosticResult> ExpectedDiagnostics => TestState.ExpectedDiagnostics;

        public ReferenceSet ReferenceAssemblies { get; set; } = ReferenceSet.Net80;

        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        /// <summary>Null: a console application when a source has top-level statements, else a library.</summary>
        public OutputKind? OutputKind { get; set; }

        public CompilerDiagnostics CompilerDiagnostics { get; set; } = CompilerDiagnostics.Errors;

        public NullableContextOptions NullableContextOptions { get; set; } = NullableContextOptions.Disable;

        /// <summary>Extra analyzers to run next to <typeparamref name="TAnalyzer"/> (their diagnostics are compared too).</summary>
        public List<DiagnosticAnalyzer> AdditionalAnalyzers { get; } = new List<DiagnosticAnalyzer>();

        public List<MetadataReference> AdditionalReferences { get; } = new List<MetadataReference>();

        public async Task RunAsync(CancellationToken cancellationToken = default)
        {
            await VerifyDiagnosticsAsync(TestState, "the test source", cancellationToken).ConfigureAwait(false);
            await RunFixesAsync(cancellationToken).ConfigureAwait(false);
        }

        protected virtual Task RunFixesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        internal ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers()
        {
            var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            builder.Add(new TAnalyzer());
            builder.AddRange(AdditionalAnalyzers);
            return builder.ToImmutable();
        }

        /// <summary>Markup-free solution for a state, with the diagnostics its markup and list expect.</summary>
        internal (Solution Solution, ProjectId ProjectId, List<DiagnosticResult> Expected) CreateSolution(ProjectState state)
        {
            var analyzers = CreateAnalyzers();
            var descriptors = new Dictionary<string, DiagnosticDescriptor>();
            foreach (var analyzer in analyzers)
            {
                foreach (var descriptor in analyzer.SupportedDiagnostics)
                {
                    descriptors[descriptor.Id] = descriptor;
                }
            }

            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId("TestProject");
            var parseOptions = new CSharpParseOptions(LanguageVersion, DocumentationMode.Diagnose);
            var expected = new List<DiagnosticResult>();
            var markers = new Dictionary<int, (string Path, LinePositionSpan Span)>();
            var cleanSources = new List<(string Path, SourceText Text)>();
            var hasTopLevelStatements = false;
            foreach (var (path, content) in state.Sources)
            {
                var (text, spans) = TestMarkup.Parse(content);
                var sourceText = SourceText.From(text, Encoding.UTF8);
                cleanSources.Add((path, sourceText));
                foreach (var span in spans)
                {
                    var lineSpan = sourceText.Lines.GetLinePositionSpan(span.Span);
                    if (span.MarkerIndex is { } marker)
                    {
                        markers[marker] = (path, lineSpan);
                        continue;
                    }

                    var id = span.Id ?? SingleDescriptorId(analyzers);
                    descriptors.TryGetValue(id, out var descriptor);
                    var result = descriptor != null ? new DiagnosticResult(descriptor) : DiagnosticResult.ForId(id);
                    if (descriptor is null && !id.StartsWith("CS", StringComparison.Ordinal))
                    {
                        throw new VerifierException($"Markup names diagnostic '{id}', which no analyzer of this test supports.");
                    }

                    expected.Add(result.WithResolvedSpan(path, lineSpan));
                }

                hasTopLevelStatements |= CSharpSyntaxTree.ParseText(sourceText, parseOptions).GetRoot().ChildNodes().OfType<GlobalStatementSyntax>().Any();
            }

            foreach (var result in state.ExpectedDiagnostics)
            {
                var resolved = result;
                if (result.MarkerIndex is { } marker)
                {
                    if (!markers.TryGetValue(marker, out var location))
                    {
                        throw new VerifierException($"Expected diagnostic {result.Id} refers to location marker {{|#{marker}:…|}}, which the markup does not contain.");
                    }

                    resolved = result.WithResolvedSpan(location.Path, location.Span);
                }
                else if (result.Span.HasValue && string.IsNullOrEmpty(result.Path) && cleanSources.Count > 0)
                {
                    resolved = result.IgnoreLength
                        ? result.WithLocation(cleanSources[0].Path, result.Span.Value.Start.Line + 1, result.Span.Value.Start.Character + 1)
                        : result.WithResolvedSpan(cleanSources[0].Path, result.Span.Value);
                }

                if (resolved.Descriptor is null && descriptors.TryGetValue(resolved.Id, out var descriptor))
                {
                    resolved = resolved.WithDescriptor(descriptor);
                }

                expected.Add(resolved);
            }

            var outputKind = OutputKind ?? (hasTopLevelStatements ? Microsoft.CodeAnalysis.OutputKind.ConsoleApplication : Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
            var compilationOptions = new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions, allowUnsafe: true);
            var references = ReferenceSets.Get(ReferenceAssemblies).AddRange(AdditionalReferences);
            var projectInfo = ProjectInfo.Create(
                    projectId,
                    VersionStamp.Create(),
                    "TestProject",
                    "TestProject",
                    LanguageNames.CSharp,
                    filePath: "/0/TestProject.csproj",
                    compilationOptions: compilationOptions,
                    parseOptions: parseOptions,
                    metadataReferences: references);
            var solution = workspace.CurrentSolution.AddProject(projectInfo);
            foreach (var (path, text) in cleanSources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId, path), FileName(path), text, filePath: path);
            }

            foreach (var (path, content) in state.AdditionalFiles)
            {
                solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId, path), FileName(path), SourceText.From(content), filePath: path);
            }

            foreach (var (path, content) in state.AnalyzerConfigFiles)
            {
                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId, path), FileName(path), SourceText.From(content), filePath: path);
            }

            foreach (var (name, additional) in state.AdditionalProjects)
            {
                var additionalId = ProjectId.CreateNewId(name);
                solution = solution.AddProject(ProjectInfo.Create(
                    additionalId,
                    VersionStamp.Create(),
                    name,
                    name,
                    LanguageNames.CSharp,
                    filePath: "/" + name + "/" + name + ".csproj",
                    compilationOptions: compilationOptions.WithOutputKind(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary),
                    parseOptions: parseOptions,
                    metadataReferences: references));
                foreach (var (rawPath, content) in additional.Sources)
                {
                    var path = ProjectState.PathIn(name, rawPath);
                    var (text, spans) = TestMarkup.Parse(content);
                    var sourceText = SourceText.From(text, Encoding.UTF8);
                    foreach (var span in spans)
                    {
                        if (span.MarkerIndex is null)
                        {
                            var id = span.Id ?? SingleDescriptorId(analyzers);
                            descriptors.TryGetValue(id, out var descriptor);
                            var result = descriptor != null ? new DiagnosticResult(descriptor) : DiagnosticResult.ForId(id);
                            expected.Add(result.WithResolvedSpan(path, sourceText.Lines.GetLinePositionSpan(span.Span)));
                        }
                    }

                    solution = solution.AddDocument(DocumentId.CreateNewId(additionalId, path), FileName(path), sourceText, filePath: path);
                }

                foreach (var (rawPath, content) in additional.AnalyzerConfigFiles)
                {
                    var path = rawPath.StartsWith("/" + name + "/", StringComparison.Ordinal) ? rawPath : "/" + name + rawPath;
                    solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(additionalId, path), FileName(path), SourceText.From(content), filePath: path);
                }

                if (state.AdditionalProjectReferences.Contains(name))
                {
                    solution = solution.AddProjectReference(projectId, new ProjectReference(additionalId));
                }
            }

            return (solution, projectId, expected);
        }

        /// <summary>Runs the analyzers (and collects compiler diagnostics) on a project; throws on AD0001.</summary>
        internal async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Project project, bool includeCompilerDiagnostics, CancellationToken cancellationToken)
        {
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new VerifierException("The project produced no compilation.");
            var exceptions = new List<string>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                (exception, analyzer, diagnostic) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add($"{analyzer.GetType().Name} threw (AD0001): {exception}");
                    }
                },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false);
            var withAnalyzers = compilation.WithAnalyzers(CreateAnalyzers(), options);
            var analyzerDiagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            if (exceptions.Count > 0)
            {
                throw new VerifierException(string.Join(Environment.NewLine, exceptions));
            }

            foreach (var diagnostic in analyzerDiagnostics)
            {
                if (diagnostic.Id == "AD0001")
                {
                    throw new VerifierException("An analyzer threw (AD0001): " + diagnostic.GetMessage(CultureInfo.InvariantCulture));
                }
            }

            var builder = ImmutableArray.CreateBuilder<Diagnostic>();
            builder.AddRange(analyzerDiagnostics);
            if (includeCompilerDiagnostics && CompilerDiagnostics != CompilerDiagnostics.None)
            {
                var minimum = CompilerDiagnostics == CompilerDiagnostics.Errors ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                foreach (var diagnostic in compilation.GetDiagnostics(cancellationToken))
                {
                    if (diagnostic.Severity >= minimum && !diagnostic.IsSuppressed)
                    {
                        builder.Add(diagnostic);
                    }
                }
            }

            return builder.ToImmutable();
        }

        internal async Task VerifyDiagnosticsAsync(ProjectState state, string what, CancellationToken cancellationToken)
        {
            var (solution, _, expected) = CreateSolution(state);
            var actual = ImmutableArray.CreateBuilder<Diagnostic>();
            foreach (var project in solution.Projects)
            {
                actual.AddRange(await GetDiagnosticsAsync(project, includeCompilerDiagnostics: true, cancellationToken).ConfigureAwait(false));
            }

            await CompareAsync(solution, expected, actual.ToImmutable(), what, cancellationToken).ConfigureAwait(false);
        }

        private static async Task CompareAsync(Solution solution, List<DiagnosticResult> expected, ImmutableArray<Diagnostic> actual, string what, CancellationToken cancellationToken)
        {
            var unmatched = new List<Diagnostic>(actual.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start));
            var missing = new List<DiagnosticResult>();
            foreach (var result in expected)
            {
                var index = unmatched.FindIndex(d => Matches(result, d));
                if (index < 0)
                {
                    missing.Add(result);
                }
                else
                {
                    unmatched.RemoveAt(index);
                }
            }

            if (missing.Count == 0 && unmatched.Count == 0)
            {
                return;
            }

            var message = new StringBuilder();
            message.AppendLine(CultureInfo.InvariantCulture, $"Diagnostics of {what} do not match the expectation.");
            if (missing.Count > 0)
            {
                message.AppendLine("Expected but not reported:");
                foreach (var result in missing)
                {
                    message.AppendLine("    " + result);
                }
            }

            if (unmatched.Count > 0)
            {
                message.AppendLine("Reported but not expected:");
                foreach (var diagnostic in unmatched)
                {
                    message.AppendLine("    " + await DescribeAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false));
                }
            }

            message.AppendLine("All reported:");
            foreach (var diagnostic in actual)
            {
                message.AppendLine("    " + await DescribeAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false));
            }

            throw new VerifierException(message.ToString());
        }

        private static bool Matches(DiagnosticResult expected, Diagnostic actual)
        {
            if (expected.Id != actual.Id)
            {
                return false;
            }

            if (expected.Severity is { } severity && severity != actual.Severity)
            {
                return false;
            }

            if (expected.Span is { } span)
            {
                if (!actual.Location.IsInSource)
                {
                    return false;
                }

                var lineSpan = actual.Location.GetLineSpan();
                if (!string.IsNullOrEmpty(expected.Path) && lineSpan.Path != expected.Path)
                {
                    return false;
                }

                if (lineSpan.StartLinePosition != span.Start || (!expected.IgnoreLength && lineSpan.EndLinePosition != span.End))
                {
                    return false;
                }
            }
            else if (actual.Location.IsInSource)
            {
                return false;
            }

            var message = expected.ExpectedMessage();
            return message is null || message == actual.GetMessage(CultureInfo.InvariantCulture);
        }

        private static async Task<string> DescribeAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Location.IsInSource)
            {
                return $"{diagnostic.Id} [{diagnostic.Severity}] (no location): {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
            }

            var lineSpan = diagnostic.Location.GetLineSpan();
            var document = solution.Projects.SelectMany(p => p.Documents).FirstOrDefault(d => d.FilePath == lineSpan.Path);
            var lineText = string.Empty;
            if (document != null)
            {
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                lineText = text.Lines[lineSpan.StartLinePosition.Line].ToString().Trim();
            }

            return string.Format(
                CultureInfo.InvariantCulture,
                "{0} [{1}] at {2}({3},{4})-({5},{6}): {7}    | {8}",
                diagnostic.Id,
                diagnostic.Severity,
                lineSpan.Path,
                lineSpan.StartLinePosition.Line + 1,
                lineSpan.StartLinePosition.Character + 1,
                lineSpan.EndLinePosition.Line + 1,
                lineSpan.EndLinePosition.Character + 1,
                diagnostic.GetMessage(CultureInfo.InvariantCulture),
                lineText);
        }

        private static string SingleDescriptorId(ImmutableArray<DiagnosticAnalyzer> analyzers)
        {
            var ids = analyzers[0].SupportedDiagnostics.Select(d => d.Id).Distinct().ToList();
            if (ids.Count != 1)
            {
                throw new VerifierException($"Markup '[|…|]' needs an analyzer with exactly one diagnostic; {analyzers[0].GetType().Name} has {ids.Count}: use '{{|ID:…|}}'.");
            }

            return ids[0];
        }

        private static string FileName(string path)
        {
            var slash = path.LastIndexOf('/');
            return slash < 0 ? path : path.Substring(slash + 1);
        }
    }
}
