using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Infrastructure;
using AsyncAnalyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.CodeFixes.Infrastructure
{
    /// <summary>
    /// Plans "make it async all the way": from each seed (a blocking call or an unobserved task in a synchronous method)
    /// the method becomes async, and the change travels up through its callers across the solution
    /// (<see cref="SymbolFinder.FindReferencesAsync(ISymbol, Solution, CancellationToken)"/>), breadth first, until a
    /// boundary where the call is left blocking (<c>.GetAwaiter().GetResult()</c>, a visible ASYNC104). Nothing is edited
    /// here: the result is a <see cref="CascadePlan"/> of edits on the original trees, which <see cref="AsyncCascadeRewriter"/> applies.
    /// Several seeds (Fix All) share one plan, so overlapping cascades produce each edit once.
    /// </summary>
    internal sealed class AsyncCascade
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
            ExpressionSyntax? seed = isBlocking
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

        // ------------------------------------------------------------------ deciding a method

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

        /// <summary>The member and every member bound to its signature: overridden/overriding members, interface members and implementations.</summary>
        private async Task<List<IMethodSymbol>?> GroupAsync(IMethodSymbol method)
        {
            var members = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var work = new Stack<IMethodSymbol>();
            work.Push(method);
            while (work.Count > 0)
            {
                var member = Normalize(work.Pop());
                if (!seen.Add(member))
                {
                    continue;
                }

                if (members.Count >= MaxGroupSize || !IsInSource(member))
                {
                    return null;
                }

                members.Add(member);
                if (member.MethodKind == MethodKind.LocalFunction)
                {
                    continue;
                }

                if (member.OverriddenMethod is { } overridden)
                {
                    if (!SymbolEqualityComparer.Default.Equals(member.ReturnType, overridden.ReturnType))
                    {
                        return null; // a covariant return override: Task<Derived> would not override Task<Base>
                    }

                    work.Push(overridden);
                }

                foreach (var implemented in await SymbolFinder.FindImplementedInterfaceMembersAsync(member, _solution, cancellationToken: _cancellationToken).ConfigureAwait(false))
                {
                    if (implemented is IMethodSymbol implementedMethod)
                    {
                        work.Push(implementedMethod);
                    }
                    else
                    {
                        return null;
                    }
                }

                if (member.IsVirtual || member.IsAbstract || member.IsOverride)
                {
                    foreach (var overriding in await SymbolFinder.FindOverridesAsync(member, _solution, cancellationToken: _cancellationToken).ConfigureAwait(false))
                    {
                        if (overriding is IMethodSymbol overridingMethod)
                        {
                            work.Push(overridingMethod);
                        }
                    }
                }

                if (member.ContainingType?.TypeKind == TypeKind.Interface)
                {
                    foreach (var implementation in await SymbolFinder.FindImplementationsAsync(member, _solution, cancellationToken: _cancellationToken).ConfigureAwait(false))
                    {
                        if (implementation is IMethodSymbol implementationMethod)
                        {
                            work.Push(implementationMethod);
                        }
                        else
                        {
                            return null;
                        }
                    }
                }
            }

            return members;
        }

        /// <summary>The declarations of a group member, or false when the member is a boundary (see rules/ASYNC104.md).</summary>
        private async Task<bool> CollectDeclarationsAsync(IMethodSymbol member, int depth, List<(IMethodSymbol, SyntaxNode, Document)> declarations)
        {
            var firstDeclaration = member.DeclaringSyntaxReferences.Length > 0 ? member.DeclaringSyntaxReferences[0].SyntaxTree : null;
            var owner = firstDeclaration is null ? null : _solution.GetDocument(firstDeclaration);
            if (owner is null || !HasConvertibleSignature(member, KnownSymbols.Get((await ModelAsync(owner, firstDeclaration!).ConfigureAwait(false)).Compilation)))
            {
                return false;
            }

            var parts = new List<IMethodSymbol> { member };
            if (member.PartialImplementationPart is { } implementation)
            {
                parts.Add(implementation);
            }
            else if (member.IsPartialDefinition)
            {
                return false; // a partial method without an implementation must stay void
            }

            foreach (var part in parts)
            {
                foreach (var reference in part.DeclaringSyntaxReferences)
                {
                    var declaration = await reference.GetSyntaxAsync(_cancellationToken).ConfigureAwait(false);
                    if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                        || _solution.GetDocument(declaration.SyntaxTree) is not { } document
                        || IsGenerated(document, declaration.SyntaxTree))
                    {
                        return false;
                    }

                    var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(declaration.SyntaxTree);
                    if (depth > ReadDepth(options))
                    {
                        return false;
                    }

                    var compilation = await document.Project.GetCompilationAsync(_cancellationToken).ConfigureAwait(false);
                    if (PublicApi.IsPublicApi(member, compilation!) && !Options.GetBool(options, RuleOptions.CascadePublicApi, false))
                    {
                        return false;
                    }

                    if (IsPartial(declaration) && !HasAccessibility(declaration)
                        && ((CSharpParseOptions)declaration.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp9)
                    {
                        return false;
                    }

                    var model = await ModelAsync(document, declaration.SyntaxTree).ConfigureAwait(false);
                    if (!HasConvertibleBody(model, declaration))
                    {
                        return false;
                    }

                    declarations.Add((member, declaration, document));
                }
            }

            return true;
        }

        /// <summary>Collects the member's references; false when one of them pins its signature (method group, expression tree, generated code, …).</summary>
        private async Task<bool> CollectReferencesAsync(IMethodSymbol member, List<ReferenceLocation> references)
        {
            var found = member.MethodKind == MethodKind.LocalFunction
                ? await LocalFunctionReferencesAsync(member).ConfigureAwait(false)
                : await FindReferencesAsync(member).ConfigureAwait(false);
            if (found is null)
            {
                return false;
            }

            foreach (var reference in found)
            {
                if (reference.IsImplicit || reference.Document is null || IsGenerated(reference.Document, reference.Location.SourceTree!))
                {
                    return false;
                }

                var root = await reference.Location.SourceTree!.GetRootAsync(_cancellationToken).ConfigureAwait(false);
                var name = root.FindNode(reference.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
                if (name.IsPartOfStructuredTrivia() || IsNameofArgument(name))
                {
                    references.Add(reference); // documentation and nameof (a method group, so a candidate location): only renamed
                    continue;
                }

                if (reference.IsCandidateLocation)
                {
                    return false;
                }

                if (Invocation(name) is not { } invocation)
                {
                    return false; // a method group: converting the method would break the delegate conversion
                }

                var model = await ModelAsync(reference.Document, invocation.SyntaxTree).ConfigureAwait(false);
                if (model.GetOperation(invocation, _cancellationToken) is not { } operation
                    || BlockingTaskCalls.IsInExpressionTreeOrNameof(operation, KnownSymbols.Get(model.Compilation)))
                {
                    return false;
                }

                references.Add(reference);
            }

            return true;
        }

        private async Task<List<ReferenceLocation>?> FindReferencesAsync(IMethodSymbol member)
        {
            var result = new List<ReferenceLocation>();
            foreach (var referenced in await SymbolFinder.FindReferencesAsync(member, _solution, _cancellationToken).ConfigureAwait(false))
            {
                if (referenced.Definition is not IMethodSymbol definition
                    || !SymbolEqualityComparer.Default.Equals(Normalize(definition), member))
                {
                    continue; // cascaded symbols (overrides, implementations) are group members with their own search
                }

                result.AddRange(referenced.Locations);
            }

            return result;
        }

        /// <summary>Local functions are only visible in their containing member: their references are found there.</summary>
        private async Task<List<ReferenceLocation>?> LocalFunctionReferencesAsync(IMethodSymbol local)
        {
            if (local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var declaration = await local.DeclaringSyntaxReferences[0].GetSyntaxAsync(_cancellationToken).ConfigureAwait(false);
            var document = _solution.GetDocument(declaration.SyntaxTree);
            var container = declaration.Parent?.FirstAncestorOrSelf<SyntaxNode>(n => n is MemberDeclarationSyntax or CompilationUnitSyntax);
            if (document is null || container is null)
            {
                return null;
            }

            var references = await SymbolFinder.FindReferencesAsync(local, _solution, ImmutableHashSet.Create(document), _cancellationToken).ConfigureAwait(false);
            var result = new List<ReferenceLocation>();
            foreach (var referenced in references)
            {
                result.AddRange(referenced.Locations);
            }

            return result;
        }

        // ------------------------------------------------------------------ call sites

        private async Task PlanCallSiteAsync(ReferenceLocation reference, int depth, int calleeGroup)
        {
            var tree = reference.Location.SourceTree!;
            var root = await tree.GetRootAsync(_cancellationToken).ConfigureAwait(false);
            var name = root.FindNode(reference.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
            if (name.IsPartOfStructuredTrivia() || IsNameofArgument(name) || Invocation(name) is not { } invocation)
            {
                return;
            }

            var document = reference.Document;
            var edits = Plan.For(document.Id);
            if (edits.CallsToAwait.Contains(invocation) || !_plannedCalls.Add(invocation))
            {
                return;
            }

            var model = await ModelAsync(document, tree).ConfigureAwait(false);
            if (await CanAwaitCallAsync(document, model, invocation, depth).ConfigureAwait(false) is { } function)
            {
                edits.CallsToAwait.Add(invocation);
                MarkAwait(edits, function);
                if ((function is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                    && model.GetDeclaredSymbol(function, _cancellationToken) is IMethodSymbol caller
                    && _groupOf.TryGetValue(Normalize(caller), out var callerGroup))
                {
                    _awaitEdges.Add((callerGroup, calleeGroup));
                }
            }
            else
            {
                _boundaries.Add((document.Id, invocation, calleeGroup, UnusedValue(model, invocation)));
            }
        }

        /// <summary>The expression whose value is thrown away (a statement, the body of a void arrow or void lambda) that holds the call, or null.</summary>
        private ExpressionSyntax? UnusedValue(SemanticModel model, InvocationExpressionSyntax invocation)
        {
            SyntaxNode expression = invocation;
            while (expression.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull.Span.Contains(expression.Span)
                   || expression.Parent is MemberBindingExpressionSyntax or InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax })
            {
                expression = expression.Parent;
            }

            var unused = expression.Parent switch
            {
                ExpressionStatementSyntax => true,
                ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method } => method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword },
                ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax local } => local.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword },
                AnonymousFunctionExpressionSyntax lambda when lambda.Body == expression
                    => model.GetSymbolInfo(lambda, _cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true },
                _ => false,
            };
            return unused ? expression as ExpressionSyntax : null;
        }

        /// <summary>
        /// The function that will await <paramref name="invocation"/> (after converting it when it is synchronous), or null when
        /// the call must stay blocking: a boundary, the depth limit, a lock, a catch filter, a conditional access, a sync lambda.
        /// Top-level statements answer their compilation unit.
        /// </summary>
        private async Task<SyntaxNode?> CanAwaitCallAsync(Document document, SemanticModel model, InvocationExpressionSyntax invocation, int depth)
        {
            if (invocation.Parent is MemberBindingExpressionSyntax or ConditionalAccessExpressionSyntax
                || invocation.Expression is MemberBindingExpressionSyntax
                || !AwaitInsertion.CanAwaitAt(invocation))
            {
                return null;
            }

            var function = MakeAsync.EnclosingFunction(invocation);
            switch (function)
            {
                case null:
                    return null;
                case GlobalStatementSyntax global:
                    return global.Parent;
                case AnonymousFunctionExpressionSyntax lambda:
                    if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                    {
                        return lambda;
                    }

                    return TryConvertTaskReturning(document, model, lambda) ? lambda : null;
                case MethodDeclarationSyntax or LocalFunctionStatementSyntax:
                    if (model.GetDeclaredSymbol(function, _cancellationToken) is not IMethodSymbol caller)
                    {
                        return null;
                    }

                    if (caller.IsAsync)
                    {
                        return function;
                    }

                    if (KnownSymbols.Get(model.Compilation).IsTaskLike(caller.ReturnType))
                    {
                        return TryConvertTaskReturning(document, model, function) ? function : null;
                    }

                    return await DecideAsync(caller, depth + 1).ConfigureAwait(false) ? function : null;
                default:
                    return null;
            }
        }

        /// <summary>A task-returning function that is not async: <see cref="MakeAsync"/> converts it and its signature stays.</summary>
        private bool TryConvertTaskReturning(Document document, SemanticModel model, SyntaxNode function)
        {
            if (Plan.ChangedTaskReturningFunctions.Contains(function))
            {
                return true;
            }

            if (IsGenerated(document, function.SyntaxTree) || !MakeAsync.CanConvert(model, function, _cancellationToken))
            {
                return false;
            }

            var edits = Plan.For(document.Id);
            edits.Functions[function] = new FunctionChange(FunctionChangeKind.TaskReturning, false, null, false);
            Plan.ChangedTaskReturningFunctions.Add(function);
            PlanOwnBody(model, edits, function, MakeAsync.Body(function)!, returnsVoid: false, group: -1);
            return true;
        }

        // ------------------------------------------------------------------ bodies

        /// <summary>
        /// In a function that becomes async: its other blocking calls are awaited (left alone they would block in async code),
        /// and statements that drop a task get an explicit <c>_ =</c> (the compiler warns about them in an async method, CS4014).
        /// </summary>
        private void PlanOwnBody(SemanticModel model, DocumentCascadeEdits edits, SyntaxNode function, SyntaxNode body, bool returnsVoid, int group)
        {
            var known = KnownSymbols.Get(model.Compilation);
            if (returnsVoid && body is ArrowExpressionClauseSyntax { Expression: InvocationExpressionSyntax arrowCall }
                && known.IsAwaitable(model.GetTypeInfo(arrowCall, _cancellationToken).Type))
            {
                edits.TasksToDiscard.Add(arrowCall);
            }

            foreach (var node in body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
            {
                if (node is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax dropped }
                    && !edits.TasksToAwait.Contains(dropped)
                    && known.IsAwaitable(model.GetTypeInfo(dropped, _cancellationToken).Type))
                {
                    edits.TasksToDiscard.Add(dropped);
                    continue;
                }

                if (BlockingCallRewriter.AsAwaitable(model, node, known, _cancellationToken) is not { } expression)
                {
                    continue;
                }

                edits.BlockingToAwait.Add(expression);
                MarkAwait(edits, function);
                if (group >= 0)
                {
                    _blockingGroups.Add(group);
                }
            }
        }

        private static void MarkAwait(DocumentCascadeEdits edits, SyntaxNode function)
        {
            if (edits.Functions.TryGetValue(function, out var change))
            {
                change.HasAwait = true;
            }
        }

        // ------------------------------------------------------------------ renames

        private async Task<string?> NewNameAsync(List<IMethodSymbol> group, List<(IMethodSymbol Member, SyntaxNode Declaration, Document Document)> declarations)
        {
            var first = group[0];
            if (first.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                return null;
            }

            foreach (var (_, declaration, document) in declarations)
            {
                var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(declaration.SyntaxTree);
                if (!Options.GetBool(options, RuleOptions.RenameToAsyncSuffix, false))
                {
                    return null;
                }
            }

            var newName = first.Name + "Async";
            foreach (var member in group)
            {
                if (member.MethodKind == MethodKind.LocalFunction)
                {
                    var (_, declaration, document) = declarations[0];
                    var model = await ModelAsync(document, declaration.SyntaxTree).ConfigureAwait(false);
                    if (model.LookupSymbols(declaration.SpanStart, name: newName).Length > 0)
                    {
                        return null;
                    }

                    continue;
                }

                for (var type = member.ContainingType; type != null; type = type.BaseType)
                {
                    if (type.GetMembers(newName).Length > 0)
                    {
                        return null; // the name is taken (or would hide/overload confusingly): keep the name
                    }
                }
            }

            return newName;
        }

        private async Task PlanRenameAsync(ReferenceLocation reference, string newName)
        {
            var root = await reference.Location.SourceTree!.GetRootAsync(_cancellationToken).ConfigureAwait(false);
            var node = root.FindNode(reference.Location.SourceSpan, findInsideTrivia: true, getInnermostNodeForTie: true);
            var name = node as SimpleNameSyntax ?? (node as NameMemberCrefSyntax)?.Name as SimpleNameSyntax;
            if (name is null)
            {
                for (var current = node; current != null; current = current.Parent)
                {
                    if (current is SimpleNameSyntax simple && simple.Span.Contains(reference.Location.SourceSpan))
                    {
                        name = simple;
                        break;
                    }
                }
            }

            if (name != null)
            {
                Plan.For(reference.Document.Id).Renames[name] = newName;
            }
        }

        // ------------------------------------------------------------------ classification helpers

        /// <summary>Signature-level boundaries: only ordinary methods and local functions with plain parameters and a plain return.</summary>
        private static bool HasConvertibleSignature(IMethodSymbol member, KnownSymbols known)
        {
            if (member.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.ExplicitInterfaceImplementation)
                || member.IsExtern
                || member.ReturnsByRef
                || member.ReturnsByRefReadonly
                || member.ReturnType.IsRefLikeType
                || member.ReturnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                || member.IsAsync
                || (member.ContainingType is { IsValueType: true } && !member.IsStatic && member.MethodKind != MethodKind.LocalFunction))
            {
                return false;
            }

            if (HasErrorType(member.ReturnType))
            {
                return false; // a signature that does not bind: the reference search cannot be trusted to find every caller
            }

            foreach (var parameter in member.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType || parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer
                    || HasErrorType(parameter.Type))
                {
                    return false;
                }
            }

            if (known.IsEventHandlerSignature(member))
            {
                return false; // an event handler: its signature belongs to the event
            }

            foreach (var attribute in member.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "ConditionalAttribute" })
                {
                    return false; // [Conditional] methods must return void
                }
            }

            return true;
        }

        private static bool HasErrorType(ITypeSymbol type)
        {
            switch (type)
            {
                case IErrorTypeSymbol:
                    return true;
                case IArrayTypeSymbol array:
                    return HasErrorType(array.ElementType);
                case INamedTypeSymbol { IsGenericType: true } named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (HasErrorType(argument))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>Body-level boundaries: iterators, unsafe code, ref and ref-struct locals (not allowed in async methods before C# 13).</summary>
        private bool HasConvertibleBody(SemanticModel model, SyntaxNode declaration)
        {
            for (SyntaxNode? current = declaration; current != null; current = current.Parent)
            {
                if (current is MemberDeclarationSyntax member && member.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                    || current is LocalFunctionStatementSyntax local && local.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                {
                    return false;
                }
            }

            if (MakeAsync.Body(declaration) is not { } body)
            {
                return true; // interface, abstract or partial definition: only the signature changes
            }

            foreach (var node in body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax))
            {
                switch (node)
                {
                    case YieldStatementSyntax:
                    case UnsafeStatementSyntax:
                    case RefTypeSyntax:
                    case StackAllocArrayCreationExpressionSyntax:
                        return false;
                    case VariableDeclaratorSyntax variable
                        when model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol { Type.IsRefLikeType: true }:
                        return false;
                }
            }

            return true;
        }

        /// <summary>ValueTask when the group's interface/abstract member or the method's type mostly uses ValueTask.</summary>
        private static bool PrefersValueTask(List<IMethodSymbol> group, KnownSymbols known)
        {
            if (known.ValueTask is null || known.ValueTaskOfT is null)
            {
                return false;
            }

            var owner = group[0].ContainingType;
            foreach (var member in group)
            {
                if (member.IsAbstract && member.ContainingType != null)
                {
                    owner = member.ContainingType;
                    break;
                }
            }

            if (owner is null)
            {
                return false;
            }

            int valueTasks = 0, tasks = 0;
            foreach (var sibling in owner.GetMembers())
            {
                if (sibling is IMethodSymbol { ReturnType: INamedTypeSymbol returnType })
                {
                    var definition = returnType.OriginalDefinition;
                    if (KnownSymbols.Is(definition, known.ValueTask) || KnownSymbols.Is(definition, known.ValueTaskOfT))
                    {
                        valueTasks++;
                    }
                    else if (KnownSymbols.Is(definition, known.Task) || KnownSymbols.Is(definition, known.TaskOfT))
                    {
                        tasks++;
                    }
                }
            }

            return valueTasks > tasks;
        }

        private static int ReadDepth(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
            => Options.GetString(options, RuleOptions.CascadeDepth) is { } text && int.TryParse(text.Trim(), out var depth) && depth >= 0 ? depth : DefaultDepth;

        private static bool EndIsReachable(SemanticModel model, SyntaxNode declaration)
        {
            if (MakeAsync.Body(declaration) is not BlockSyntax { Statements.Count: > 0 } block)
            {
                return true;
            }

            var flow = model.AnalyzeControlFlow(block.Statements[0], block.Statements[block.Statements.Count - 1]);
            return flow is null || !flow.Succeeded || flow.EndPointIsReachable;
        }

        private static IMethodSymbol Normalize(IMethodSymbol method)
        {
            method = method.PartialDefinitionPart ?? method;
            return method.OriginalDefinition;
        }

        private bool IsInSource(IMethodSymbol member)
        {
            if (member.DeclaringSyntaxReferences.Length == 0)
            {
                return false;
            }

            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (_solution.GetDocument(reference.SyntaxTree) is null)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Generated code, as the analyzers see it: the file-name conventions, an auto-generated header, or <c>generated_code = true</c>.</summary>
        private static bool IsGenerated(Document document, SyntaxTree tree)
        {
            if (document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue("generated_code", out var configured)
                && bool.TryParse(configured, out var generated))
            {
                return generated;
            }

            var path = tree.FilePath ?? string.Empty;
            if (path.EndsWith(".g.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".generated.cs", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith(".designer.cs", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".g.i.cs", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (tree.TryGetRoot(out var root))
            {
                foreach (var trivia in root.GetLeadingTrivia())
                {
                    if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    {
                        if (trivia.ToString().IndexOf("<auto-generated", StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsPartial(SyntaxNode declaration)
            => declaration is MethodDeclarationSyntax method && method.Modifiers.Any(SyntaxKind.PartialKeyword);

        private static bool HasAccessibility(SyntaxNode declaration)
            => declaration is MethodDeclarationSyntax method
               && (method.Modifiers.Any(SyntaxKind.PublicKeyword) || method.Modifiers.Any(SyntaxKind.PrivateKeyword)
                   || method.Modifiers.Any(SyntaxKind.ProtectedKeyword) || method.Modifiers.Any(SyntaxKind.InternalKeyword));

        /// <summary>The invocation whose callee is the name, or null (a method group, a nameof …).</summary>
        private static InvocationExpressionSyntax? Invocation(SyntaxNode name)
        {
            SyntaxNode expression = name;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                || name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name
                || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name)
            {
                expression = name.Parent;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
        }

        private static bool IsNameofArgument(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
                {
                    return true;
                }

                if (current is StatementSyntax or MemberDeclarationSyntax)
                {
                    return false;
                }
            }

            return false;
        }

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
