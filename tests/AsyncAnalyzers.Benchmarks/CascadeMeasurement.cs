using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Blocking;
using AsyncAnalyzers.CodeFixes.Cascade;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Benchmarks
{
    /// <summary>
    /// Applies the cascade fix to a real tree of projects, the way Fix All in solution scope does (every ASYNC104 /
    /// ASYNC201 diagnostic seeds one shared cascade), and reports what changed, whether anything new fails to compile
    /// (errors, CS4014, CS1998 or — on Roslyn 5, which dropped CS1998 — ASYNC502: same project, id and message, so pre-existing errors of a tree loaded without its NuGet
    /// packages do not count), and how long planning and editing took. Nothing is written to the tree.
    /// Projects: every *.csproj below DIR with its .cs files (nested projects excluded) and its ProjectReferences,
    /// transitively as MSBuild flows them, compiled against the .NET 8 reference assemblies only.
    /// </summary>
    internal static class CascadeMeasurement
    {
        public static async Task<int> RunAsync(string[] args)
        {
            if (args.Length == 0 || !Directory.Exists(args[0]))
            {
                Console.WriteLine("usage: cascade DIR [--exe Name1,Name2] [--public-api] [--ids ASYNC104,ASYNC201]");
                return 2;
            }

            var root = Path.GetFullPath(args[0]);
            var exes = new HashSet<string>(StringComparer.Ordinal);
            var publicApi = false;
            var ids = new[] { DiagnosticIds.SyncOverAsync, DiagnosticIds.UnobservedTask };
            for (var i = 1; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--exe" when i + 1 < args.Length: exes.UnionWith(args[++i].Split(',')); break;
                    case "--public-api": publicApi = true; break;
                    case "--ids" when i + 1 < args.Length: ids = args[++i].Split(','); break;
                    default: Console.WriteLine("unknown option " + args[i]); return 2;
                }
            }

            var solution = Load(root, exes, publicApi);
            var stopwatch = Stopwatch.StartNew();
            var (before, problemsBefore) = await AnalyzeAsync(solution).ConfigureAwait(false);
            Console.WriteLine($"projects={solution.ProjectIds.Count} documents={solution.Projects.Sum(p => p.DocumentIds.Count)} errors-before={problemsBefore.Values.Sum()} load+compile+analyze={stopwatch.ElapsedMilliseconds} ms");
            foreach (var group in before.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {group.Key}: {group.Count()}");
            }

            stopwatch.Restart();
            var cascade = new AsyncCascade(solution, CancellationToken.None);
            int seeds = 0, accepted = 0;
            foreach (var diagnostic in before.Where(d => ids.Contains(d.Id)))
            {
                if (solution.GetDocument(diagnostic.Location.SourceTree) is not { } document)
                {
                    continue;
                }

                seeds++;
                if (await cascade.AddSeedAsync(document, diagnostic).ConfigureAwait(false))
                {
                    accepted++;
                }
            }

            await cascade.RunAsync().ConfigureAwait(false);
            var planMs = stopwatch.ElapsedMilliseconds;
            var changed = await AsyncCascadeRewriter.ApplyAsync(cascade.Plan, CancellationToken.None).ConfigureAwait(false);
            stopwatch.Stop();
            var plan = cascade.Plan;
            Console.WriteLine($"seeds={seeds} accepted={accepted} functions-changed={plan.ChangedFunctionCount} calls-left-blocking={plan.BoundaryCalls} discards-at-boundaries={plan.DroppedAtBoundary} documents-changed={plan.Documents.Count} plan={planMs} ms plan+edit={stopwatch.ElapsedMilliseconds} ms");

            var (after, problemsAfter) = await AnalyzeAsync(changed).ConfigureAwait(false);
            var added = new List<string>();
            foreach (var pair in problemsAfter)
            {
                problemsBefore.TryGetValue(pair.Key, out var count);
                if (pair.Value > count)
                {
                    added.Add($"{pair.Value - count}x {pair.Key}");
                }
            }

            Console.WriteLine($"errors-after={problemsAfter.Values.Sum()} new-problem-kinds={added.Count}");
            foreach (var line in added.Take(40))
            {
                Console.WriteLine("  NEW " + line);
            }

            foreach (var group in after.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  after {group.Key}: {group.Count()}");
            }

            // What the IDE pays: the light bulb (RegisterCodeFixesAsync, as the editor calls it for one diagnostic), and
            // separately applying (or previewing) the action it offers, which computes the whole plan.
            var provider = new MakeAsyncAndUpdateCallersCodeFixProvider();
            var lightBulb = new List<long>();
            var apply = new List<long>();
            foreach (var diagnostic in before.Where(d => ids.Contains(d.Id)))
            {
                if (solution.GetDocument(diagnostic.Location.SourceTree) is not { } document)
                {
                    continue;
                }

                var actions = new List<CodeAction>();
                var single = Stopwatch.StartNew();
                await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)).ConfigureAwait(false);
                lightBulb.Add(single.ElapsedMilliseconds);
                if (actions.Count == 0)
                {
                    continue;
                }

                single.Restart();
                await actions[0].GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
                apply.Add(single.ElapsedMilliseconds);
            }

            Report("per light bulb (RegisterCodeFixesAsync for one diagnostic)", lightBulb);
            Report("per apply/preview (the offered action computes its plan and edits)", apply);

            return added.Count == 0 ? 0 : 1;
        }

        private static void Report(string label, List<long> milliseconds)
        {
            if (milliseconds.Count == 0)
            {
                return;
            }

            milliseconds.Sort();
            Console.WriteLine($"{label}: n={milliseconds.Count} median={milliseconds[milliseconds.Count / 2]} ms p90={milliseconds[milliseconds.Count * 9 / 10]} ms max={milliseconds[milliseconds.Count - 1]} ms");
        }

        private static Solution Load(string root, HashSet<string> exes, bool publicApi)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: new[] { "NET", "NETCOREAPP", "NET5_0_OR_GREATER", "NET6_0_OR_GREATER", "NET7_0_OR_GREATER", "NET8_0_OR_GREATER" });
            var projects = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(Path.GetFullPath).OrderBy(p => p, StringComparer.Ordinal).ToList();
            var directories = projects.Select(p => Path.GetDirectoryName(p)!).ToList();
            var ids = projects.ToDictionary(p => p, p => ProjectId.CreateNewId(Path.GetFileNameWithoutExtension(p)), StringComparer.Ordinal);
            var config = "root = true\n\n[*.cs]\nasync_analyzers.cascade_public_api = " + (publicApi ? "true" : "false") + "\n";
            var solution = new AdhocWorkspace().CurrentSolution;
            var direct = new Dictionary<ProjectId, List<ProjectId>>();
            foreach (var project in projects)
            {
                var name = Path.GetFileNameWithoutExtension(project);
                var directory = Path.GetDirectoryName(project)!;
                var id = ids[project];
                var kind = exes.Contains(name) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
                solution = solution.AddProject(ProjectInfo.Create(id, VersionStamp.Create(), name, name, LanguageNames.CSharp, filePath: project,
                    compilationOptions: new CSharpCompilationOptions(kind, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable),
                    parseOptions: parse, metadataReferences: Basic.Reference.Assemblies.Net80.References.All));
                foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
                {
                    var owner = directories.Where(d => file.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal)).OrderByDescending(d => d.Length).First();
                    if (owner != directory || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    solution = solution.AddDocument(DocumentId.CreateNewId(id), Path.GetFileName(file), SourceText.From(File.ReadAllText(file), Encoding.UTF8), filePath: file);
                }

                solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(id), ".editorconfig", SourceText.From(config), filePath: Path.Combine(root, ".editorconfig"));
                direct[id] = new List<ProjectId>();
                foreach (Match match in Regex.Matches(File.ReadAllText(project), "ProjectReference\\s+Include=\"([^\"]+)\""))
                {
                    var target = Path.GetFullPath(Path.Combine(directory, match.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar)));
                    if (ids.TryGetValue(target, out var targetId))
                    {
                        direct[id].Add(targetId);
                    }
                }
            }

            foreach (var (id, references) in direct)
            {
                var closure = new HashSet<ProjectId>();
                var work = new Stack<ProjectId>(references);
                while (work.Count > 0)
                {
                    var next = work.Pop();
                    if (next != id && closure.Add(next))
                    {
                        foreach (var further in direct[next])
                        {
                            work.Push(further);
                        }
                    }
                }

                foreach (var reference in closure)
                {
                    solution = solution.AddProjectReference(id, new ProjectReference(reference));
                }
            }

            return solution;
        }

        private static async Task<(List<Diagnostic> Ours, Dictionary<string, int> Problems)> AnalyzeAsync(Solution solution)
        {
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new Blocking.SyncOverAsyncAnalyzer(), new Unobserved.UnobservedTaskAnalyzer(), new Design.AsyncWithoutAwaitAnalyzer());
            var ours = new List<Diagnostic>();
            var problems = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var project in solution.Projects)
            {
                var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
                foreach (var diagnostic in compilation.GetDiagnostics())
                {
                    if (diagnostic.Severity == DiagnosticSeverity.Error || diagnostic.Id is "CS4014" or "CS1998")
                    {
                        var key = project.Name + " " + diagnostic.Id + " " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                        problems[key] = problems.TryGetValue(key, out var count) ? count + 1 : 1;
                    }
                }

                foreach (var diagnostic in await compilation.WithAnalyzers(analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false))
                {
                    if (diagnostic.Id == DiagnosticIds.AsyncWithoutAwait)
                    {
                        var key = project.Name + " " + diagnostic.Id + " " + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                        problems[key] = problems.TryGetValue(key, out var count) ? count + 1 : 1;
                    }
                    else
                    {
                        ours.Add(diagnostic);
                    }
                }
            }

            return (ours, problems);
        }
    }
}
