using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Cascade;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>
    /// The cascade fix of ASYNC104 (sync-over-async outside Main) and ASYNC201 (a dropped task in synchronous code):
    /// "Make 'M' async and update callers". The method becomes async, the blocking call an await, and the change
    /// travels up through the callers across the solution until a boundary (see <see cref="AsyncCascade"/> and
    /// rules/ASYNC104.md). One solution change; Fix All merges every cascade in its scope into one plan.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeAsyncAndUpdateCallersCodeFixProvider)), Shared]
    public sealed class MakeAsyncAndUpdateCallersCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "MakeAsyncAndUpdateCallers";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SyncOverAsync, DiagnosticIds.UnobservedTask);

        public override FixAllProvider GetFixAllProvider() => CascadeFixAllProvider.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!AsyncCascade.IsSeedDiagnostic(diagnostic))
                {
                    continue;
                }

                // The light bulb only decides whether the seed's own method can become async (its group and references:
                // one search). The walk up through the callers — the expensive, solution-wide part — runs when the action
                // is previewed or applied, as Roslyn's own make-async fix defers its reference search; so the title
                // cannot count the methods that will change.
                var seedCheck = new AsyncCascade(context.Document.Project.Solution, context.CancellationToken);
                if (!await seedCheck.AddSeedAsync(context.Document, diagnostic).ConfigureAwait(false))
                {
                    continue;
                }

                var document = context.Document;
                var seed = diagnostic;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(seedCheck.FirstMethodName!),
                        async ct =>
                        {
                            var cascade = new AsyncCascade(document.Project.Solution, ct);
                            await cascade.AddSeedAsync(document, seed).ConfigureAwait(false);
                            await cascade.RunAsync().ConfigureAwait(false);
                            return await AsyncCascadeRewriter.ApplyAsync(cascade.Plan, ct).ConfigureAwait(false);
                        },
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>"Make 'M' async and update callers".</summary>
        internal static string Title(string method) => "Make '" + method + "' async and update callers";

        /// <summary>Fix All: every seed of the scope in one cascade, so shared callers are converted once.</summary>
        private sealed class CascadeFixAllProvider : FixAllProvider
        {
            public static readonly CascadeFixAllProvider Instance = new CascadeFixAllProvider();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
                => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey != EquivalenceKey)
                {
                    return null;
                }

                var seeds = new List<(Document Document, Diagnostic Diagnostic)>();
                switch (fixAllContext.Scope)
                {
                    case FixAllScope.Document when fixAllContext.Document != null:
                        Add(seeds, fixAllContext.Document, await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                        break;
                    case FixAllScope.Project:
                        await AddProjectAsync(seeds, fixAllContext, fixAllContext.Project).ConfigureAwait(false);
                        break;
                    case FixAllScope.Solution:
                        foreach (var project in fixAllContext.Solution.Projects)
                        {
                            await AddProjectAsync(seeds, fixAllContext, project).ConfigureAwait(false);
                        }

                        break;
                    default:
                        return null;
                }

                if (seeds.Count == 0)
                {
                    return null;
                }

                return CodeAction.Create(
                    "Make methods async and update callers",
                    async ct =>
                    {
                        var cascade = new AsyncCascade(fixAllContext.Solution, ct);
                        foreach (var (document, diagnostic) in seeds)
                        {
                            await cascade.AddSeedAsync(document, diagnostic).ConfigureAwait(false);
                        }

                        await cascade.RunAsync().ConfigureAwait(false);
                        return await AsyncCascadeRewriter.ApplyAsync(cascade.Plan, ct).ConfigureAwait(false);
                    },
                    EquivalenceKey);
            }

            private static async Task AddProjectAsync(List<(Document, Diagnostic)> seeds, FixAllContext context, Project project)
            {
                var diagnostics = await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                foreach (var document in project.Documents)
                {
                    var tree = await document.GetSyntaxTreeAsync(context.CancellationToken).ConfigureAwait(false);
                    var inDocument = ImmutableArray.CreateBuilder<Diagnostic>();
                    foreach (var diagnostic in diagnostics)
                    {
                        if (diagnostic.Location.SourceTree == tree)
                        {
                            inDocument.Add(diagnostic);
                        }
                    }

                    Add(seeds, document, inDocument.ToImmutable());
                }
            }

            private static void Add(List<(Document, Diagnostic)> seeds, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                foreach (var diagnostic in diagnostics)
                {
                    if (AsyncCascade.IsSeedDiagnostic(diagnostic))
                    {
                        seeds.Add((document, diagnostic));
                    }
                }
            }
        }
    }
}
