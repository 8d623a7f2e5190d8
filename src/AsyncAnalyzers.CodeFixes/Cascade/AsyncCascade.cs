using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncAnalyzers.CodeFixes.Cascade
{
    /// <summary>
    /// Plans "make it async all the way": from each seed (a blocking call or an unobserved task in a synchronous method)
    /// the method becomes async, and the change travels up through its callers across the solution
    /// (<see cref="SymbolFinder.FindReferencesAsync(ISymbol, Solution, CancellationToken)"/>), breadth first, until a
    /// boundary where the call is left blocking (<c>.GetAwaiter().GetResult()</c>, a visible ASYNC104). Nothing is edited
    /// here: the result is a <see cref="CascadePlan"/> of edits on the original trees, which <see cref="AsyncCascadeRewriter"/> applies.
    /// Several seeds (Fix All) share one plan, so overlapping cascades produce each edit once.
    /// </summary>
    internal sealed partial class AsyncCascade
    {
        /// <summary>Default of <c>async_analyzers.cascade_depth</c>: how many levels of callers above the seed method are converted.</summary>
        public const int DefaultDepth = 3;

        /// <summary>Interface or virtual groups larger than this are a boundary (a hierarchy that wide is a design decision, not a fix).</summary>
        private const int MaxGroupSize = 32;

        private readonly Solution _solution;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<IMethodSymbol, bool> _decided = new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly Queue<(List<ReferenceLocation> References, int Depth, int Group)> _pending = new Queue<(List<ReferenceLocation>, int, int)>();

        // Which converted groups stand for a thread that already blocked (an ASYNC104 seed or an awaited blocking call, in the
        // group or in anything it awaits). A boundary call into such a group keeps blocking (.GetAwaiter().GetResult()); a
        // boundary call into a group converted only because it dropped a task (ASYNC201), whose value is unused, becomes an
        // explicit discard (_ = M()): the task is dropped as before, instead of blocking where nothing blocked.
        private readonly Dictionary<IMethodSymbol, int> _groupOf = new Dictionary<IMethodSymbol, int>(SymbolEqualityComparer.Default);
        private readonly HashSet<int> _blockingGroups = new HashSet<int>();
        private readonly List<(int Caller, int Callee)> _awaitEdges = new List<(int, int)>();
        private readonly List<(DocumentId Document, InvocationExpressionSyntax Call, int Callee, ExpressionSyntax? Unused)> _boundaries = new List<(DocumentId, InvocationExpressionSyntax, int, ExpressionSyntax?)>();
        private int _groupCount;
        private readonly Dictionary<SyntaxTree, SemanticModel> _models = new Dictionary<SyntaxTree, SemanticModel>();
        private readonly HashSet<InvocationExpressionSyntax> _plannedCalls = new HashSet<InvocationExpressionSyntax>();

        public AsyncCascade(Solution solution, CancellationToken cancellationToken)
        {
            _solution = solution;
            _cancellationToken = cancellationToken;
            Plan = new CascadePlan(solution);
        }

        public CascadePlan Plan { get; }

        /// <summary>The method a seed makes async (for the title), set by the first successful seed.</summary>
        public string? FirstMethodName { get; private set; }

        /// <summary>Whether the diagnostic is one the cascade starts from: ASYNC104 outside Main, ASYNC201 in synchronous code.</summary>
        public static bool IsSeedDiagnostic(Diagnostic diagnostic)
            => diagnostic.Id switch
            {
                DiagnosticIds.SyncOverAsync => !diagnostic.Properties.ContainsKey(SyncOverAsyncAnalyzer.MainFixProperty) && diagnostic.Descriptor.Equals(Descriptors.SyncOverAsync),
                DiagnosticIds.UnobservedTask => diagnostic.Properties.TryGetValue(UnobservedTaskAnalyzer.ContextProperty, out var context) && context == "Sync"
                                               && !diagnostic.Properties.ContainsKey(UnobservedTaskAnalyzer.ConditionalProperty),
                _ => false,
            };

        /// <summary>Adds one seed; false (and nothing planned for it) when its function cannot be made async.</summary>
        public async Task<bool> AddSeedAsync(Document document, Diagnostic diagnostic)
        {
            if (!IsSeedDiagnostic(diagnostic) || diagnostic.Location.SourceTree is not { } tree)
            {
                return false;
            }

            var root = await tree.GetRootAsync(_cancellationToken).ConfigureAwait(false);
            var model = await ModelAsync(document, tree).ConfigureAwait(false);
            var known = KnownSymbols.Get(model.Compilation);
            if (known.Task is null)
            {
                return false;
            }

            var isBlocking = diagnostic.Id == DiagnosticIds.SyncOverAsync;
            var seed = isBlocking
                ? BlockingCallRewriter.FindBlockingExpression(root, diagnostic.Location.SourceSpan)
                : DiagnosticSyntax.FindDroppedTask(root, diagnostic) as InvocationExpressionSyntax;
            if (seed is null || !AwaitInsertion.CanAwaitAt(seed) || MakeAsync.EnclosingFunction(seed) is not { } function)
            {
                return false;
            }

            if (function is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                || model.GetDeclaredSymbol(function, _cancellationToken) is not IMethodSymbol symbol
                || symbol.IsAsync
                || SyncOverAsyncAnalyzer.IsMain(symbol))
            {
                return false;
            }

            if (known.IsTaskLike(symbol.ReturnType))
            {
                if (!TryConvertTaskReturning(document, model, function))
                {
                    return false;
                }
            }
            else if (!await DecideAsync(symbol, 0).ConfigureAwait(false))
            {
                return false;
            }

            var edits = Plan.For(document.Id);
            if (isBlocking)
            {
                edits.BlockingToAwait.Add(seed);
                if (_groupOf.TryGetValue(Normalize(symbol), out var group))
                {
                    _blockingGroups.Add(group);
                }
            }
            else
            {
                edits.TasksToAwait.Add(seed);
                edits.TasksToDiscard.Remove(seed);
            }

            MarkAwait(edits, function);
            FirstMethodName ??= symbol.Name;
            return true;
        }

        /// <summary>Walks the callers of everything decided so far; call after the seeds.</summary>
        public async Task RunAsync()
        {
            while (_pending.Count > 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var (references, depth, group) = _pending.Dequeue();
                foreach (var reference in references)
                {
                    await PlanCallSiteAsync(reference, depth, group).ConfigureAwait(false);
                }
            }

            // Blocking travels up the awaits: a caller that awaits a blocking group would block at its own boundary too.
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var (caller, callee) in _awaitEdges)
                {
                    if (_blockingGroups.Contains(callee) && _blockingGroups.Add(caller))
                    {
                        changed = true;
                    }
                }
            }

            foreach (var (document, call, callee, unused) in _boundaries)
            {
                if (unused != null && !_blockingGroups.Contains(callee))
                {
                    Plan.For(document).TasksToDiscard.Add(unused);
                    Plan.DroppedAtBoundary++;
                    continue;
                }

                Plan.For(document).CallsToBlock.Add(call);
                Plan.BoundaryCalls++;
            }

            _boundaries.Clear();
        }

        /// <summary>
        /// Whether <paramref name="method"/> (and its interface / virtual group) becomes async, at <paramref name="depth"/>
        /// levels above the seed. On yes, its declarations and own body edits are planned and its callers queued.
        /// </summary>
        private async Task<bool> DecideAsync(IMethodSymbol method, int depth)
        {
            method = Normalize(method);
            if (_decided.TryGetValue(method, out var decided))
            {
                return decided;
            }

            var group = await GroupAsync(method).ConfigureAwait(false);
            var ok = group != null;
            var declarations = new List<(IMethodSymbol Member, SyntaxNode Declaration, Document Document)>();
            if (group != null)
            {
                foreach (var member in group)
                {
                    if (!await CollectDeclarationsAsync(member, depth, declarations).ConfigureAwait(false))
                    {
                        ok = false;
                        break;
                    }
                }
            }

            var references = new List<ReferenceLocation>();
            if (ok)
            {
                foreach (var member in group!)
                {
                    if (!await CollectReferencesAsync(member, references).ConfigureAwait(false))
                    {
                        ok = false;
                        break;
                    }
                }
            }

            var groupId = _groupCount++;
            foreach (var member in (IEnumerable<IMethodSymbol>?)group ?? new[] { method })
            {
                _decided[member] = ok;
                if (ok)
                {
                    _groupOf[member] = groupId;
                }
            }

            if (!ok)
            {
                return false;
            }

            var firstModel = await ModelAsync(declarations[0].Document, declarations[0].Declaration.SyntaxTree).ConfigureAwait(false);
            var useValueTask = PrefersValueTask(group!, KnownSymbols.Get(firstModel.Compilation));
            var newName = await NewNameAsync(group!, declarations).ConfigureAwait(false);
            foreach (var (member, declaration, document) in declarations)
            {
                var model = await ModelAsync(document, declaration.SyntaxTree).ConfigureAwait(false);
                var edits = Plan.For(document.Id);
                var change = new FunctionChange(FunctionChangeKind.Signature, useValueTask && !SyncOverAsyncAnalyzer.IsMain(member), newName, EndIsReachable(model, declaration))
                {
                    AddPrivate = IsPartial(declaration) && !HasAccessibility(declaration),
                };
                edits.Functions[declaration] = change;
                Plan.ChangedMethods.Add(member);
                if (MakeAsync.Body(declaration) is { } body)
                {
                    PlanOwnBody(model, edits, declaration, body, member.ReturnsVoid, groupId);
                }
            }

            if (newName != null)
            {
                foreach (var reference in references)
                {
                    await PlanRenameAsync(reference, newName).ConfigureAwait(false);
                }
            }

            _pending.Enqueue((references, depth, groupId));
            return true;
        }

        private static int ReadDepth(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
            => Options.GetString(options, RuleOptions.CascadeDepth) is { } text && int.TryParse(text.Trim(), out var depth) && depth >= 0 ? depth : DefaultDepth;

        private async Task<SemanticModel> ModelAsync(Document document, SyntaxTree tree)
        {
            if (!_models.TryGetValue(tree, out var model))
            {
                model = (await document.GetSemanticModelAsync(_cancellationToken).ConfigureAwait(false))!;
                _models[tree] = model;
            }

            return model;
        }
    }
}
