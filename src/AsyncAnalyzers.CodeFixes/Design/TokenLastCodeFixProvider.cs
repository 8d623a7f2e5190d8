using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC606 fix: "Move 'cancellationToken' last" — the parameter moves, and every call in the solution follows: positional
    /// arguments are reordered when the call passes the arguments up to the token's new place, the token argument becomes
    /// named (at the end) when the call stops before it; named arguments stay as they are. Refused for members whose
    /// signature others share — virtual, abstract, interface members, partial methods — for methods used other than by a
    /// call (a method group keeps its delegate's order), and for public API of libraries unless
    /// <c>cascade_public_api = true</c> (global or for ASYNC606). The light bulb searches the references before it offers the
    /// fix (a reference that is not a call means no fix). Fix All moves one member after another, finding methods again by
    /// documentation ID and local functions by document, name and occurrence.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TokenLastCodeFixProvider)), Shared]
    public sealed class TokenLastCodeFixProvider : CodeFixProvider
    {
        private const string Key = nameof(TokenLastCodeFixProvider);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TokenLast);

        public override FixAllProvider GetFixAllProvider() => MoveAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (await TargetAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is not { } target)
                {
                    continue;
                }

                // Computed here: whether every reference is a call the fix can rewrite is only known after the search.
                var solution = context.Document.Project.Solution;
                var moved = await MoveAsync(solution, target.Method, target.Index, target.NewIndex, context.CancellationToken).ConfigureAwait(false);
                if (moved == solution)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create("Move '" + target.Method.Parameters[target.Index].Name + "' last", _ => Task.FromResult(moved), Key),
                    diagnostic);
            }
        }

        private static async Task<(IMethodSymbol Method, int Index, int NewIndex)?> TargetAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<ParameterSyntax>() is not { } parameter
                || model.GetDeclaredSymbol(parameter, cancellationToken) is not { ContainingSymbol: IMethodSymbol method } token
                || method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface
                || method.PartialDefinitionPart != null || method.PartialImplementationPart != null
                || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var known = KnownSymbols.Get(model.Compilation);
            if (TokenLastAnalyzer.NewIndex(method.Parameters, token.Ordinal, known) is not { } newIndex)
            {
                return null;
            }

            var options = document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(parameter.SyntaxTree);
            if (PublicApi.IsPublicApi(method, model.Compilation) && !Options.GetBool(options, RuleOptions.TokenLastPublicApi, false))
            {
                return null;
            }

            return (method, token.Ordinal, newIndex);
        }

        private static async Task<Solution> MoveAsync(Solution solution, IMethodSymbol method, int index, int newIndex, CancellationToken cancellationToken)
        {
            // Every reference must be a call whose arguments can be rewritten; otherwise nothing changes.
            var edits = new Dictionary<DocumentId, Dictionary<SyntaxNode, ArgumentMove?>>();
            var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
            foreach (var reference in references)
            {
                foreach (var location in reference.Locations)
                {
                    if (location.IsImplicit)
                    {
                        continue;
                    }

                    var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    var node = root?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (node is null || model is null)
                    {
                        return solution;
                    }

                    if (IsInNameof(node))
                    {
                        continue;
                    }

                    if (CallOf(node) is not { } call || Arguments(call) is not { } arguments
                        || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol called)
                    {
                        return solution;
                    }

                    if (Move(arguments, called, method, index, newIndex) is { } move)
                    {
                        Edits(edits, location.Document.Id)[arguments] = move;
                    }
                }
            }

            var declaration = await method.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            var parameterList = declaration switch
            {
                BaseMethodDeclarationSyntax m => m.ParameterList,
                LocalFunctionStatementSyntax l => l.ParameterList,
                _ => null,
            };
            var declaringDocument = solution.GetDocument(declaration.SyntaxTree);
            if (parameterList is null || declaringDocument is null)
            {
                return solution;
            }

            Edits(edits, declaringDocument.Id)[parameterList] = null;
            foreach (var pair in edits)
            {
                var root = await solution.GetDocument(pair.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var moves = pair.Value;

                // Nested calls: ReplaceNodes hands each list over with its inner calls already rewritten.
                var newRoot = root!.ReplaceNodes(moves.Keys, (original, rewritten) => moves[original] is { } move
                    ? Apply((ArgumentListSyntax)rewritten, move)
                    : ((ParameterListSyntax)rewritten).WithParameters(Move(((ParameterListSyntax)rewritten).Parameters, index, newIndex)));
                solution = solution.WithDocumentSyntaxRoot(pair.Key, newRoot);
            }

            return solution;
        }

        private static Dictionary<SyntaxNode, ArgumentMove?> Edits(Dictionary<DocumentId, Dictionary<SyntaxNode, ArgumentMove?>> edits, DocumentId document)
        {
            if (!edits.TryGetValue(document, out var moves))
            {
                edits[document] = moves = new Dictionary<SyntaxNode, ArgumentMove?>();
            }

            return moves;
        }

        private static ArgumentListSyntax Apply(ArgumentListSyntax arguments, ArgumentMove move)
        {
            var list = new List<ArgumentSyntax>(arguments.Arguments);
            var moved = list[move.From];
            list.RemoveAt(move.From);
            if (move.Name is null)
            {
                list.Insert(move.To, moved);
            }
            else
            {
                list.Add(moved.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(move.Name))));
            }

            // Each slot keeps its trivia, so line breaks between arguments stay where they were.
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = list[i].WithLeadingTrivia(arguments.Arguments[i].GetLeadingTrivia()).WithTrailingTrivia(arguments.Arguments[i].GetTrailingTrivia());
            }

            return arguments.WithArguments(SyntaxFactory.SeparatedList(list, arguments.Arguments.GetSeparators()));
        }

        private static bool IsInNameof(SyntaxNode node)
            => node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } };

        private static SyntaxNode? CallOf(SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case InvocationExpressionSyntax invocation:
                        return invocation.Expression.Span.Contains(node.Span) ? invocation : null;
                    case BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax:
                        return current;
                    case MemberAccessExpressionSyntax or MemberBindingExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax
                        or QualifiedNameSyntax or AliasQualifiedNameSyntax or ConditionalAccessExpressionSyntax:
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static ArgumentListSyntax? Arguments(SyntaxNode call) => call switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
            ConstructorInitializerSyntax initializer => initializer.ArgumentList,
            PrimaryConstructorBaseTypeSyntax primary => primary.ArgumentList,
            _ => null,
        };

        /// <summary>What the call's arguments need; null when nothing moves (the token passed by name or not at all).</summary>
        private static ArgumentMove? Move(ArgumentListSyntax arguments, IMethodSymbol called, IMethodSymbol method, int index, int newIndex)
        {
            // x.Extension(a, b): the receiver is parameter 0, the first argument parameter 1.
            var offset = called.MethodKind == MethodKind.ReducedExtension ? 1 : 0;
            var positional = 0;
            while (positional < arguments.Arguments.Count && arguments.Arguments[positional].NameColon is null)
            {
                positional++;
            }

            var tokenArgument = index - offset;
            if (tokenArgument < 0 || positional <= tokenArgument)
            {
                return null;
            }

            // The call stops before the token's new place: name it, at the end.
            return positional > newIndex - offset
                ? new ArgumentMove(tokenArgument, newIndex - offset, null)
                : new ArgumentMove(tokenArgument, -1, method.Parameters[index].Name);
        }

        /// <summary>How one call's arguments change: the token argument's position, and where it goes or the name it gets at the end.</summary>
        private sealed class ArgumentMove
        {
            public ArgumentMove(int from, int to, string? name)
            {
                From = from;
                To = to;
                Name = name;
            }

            public int From { get; }

            public int To { get; }

            public string? Name { get; }
        }

        private static SeparatedSyntaxList<ParameterSyntax> Move(SeparatedSyntaxList<ParameterSyntax> parameters, int index, int newIndex)
        {
            var list = new List<ParameterSyntax>(parameters);
            var moved = list[index];
            list.RemoveAt(index);
            list.Insert(newIndex, moved);

            // Each slot keeps its trivia, so line breaks between parameters stay where they were.
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = list[i].WithLeadingTrivia(parameters[i].GetLeadingTrivia()).WithTrailingTrivia(parameters[i].GetTrailingTrivia());
            }

            return SyntaxFactory.SeparatedList(list, parameters.GetSeparators());
        }

        private static int Occurrence(SyntaxNode? root, SyntaxNode declaration)
        {
            var count = 0;
            foreach (var node in root?.DescendantNodes() ?? (IEnumerable<SyntaxNode>)System.Array.Empty<SyntaxNode>())
            {
                if (node == declaration)
                {
                    return count;
                }

                if (node is LocalFunctionStatementSyntax local && local.Identifier.ValueText == ((LocalFunctionStatementSyntax)declaration).Identifier.ValueText)
                {
                    count++;
                }
            }

            return -1;
        }

        private static LocalFunctionStatementSyntax? Nth(SyntaxNode root, string name, int occurrence)
        {
            var count = 0;
            foreach (var node in root.DescendantNodes())
            {
                if (node is LocalFunctionStatementSyntax local && local.Identifier.ValueText == name && count++ == occurrence)
                {
                    return local;
                }
            }

            return null;
        }

        /// <summary>Fix All: each diagnostic's method in turn, found again in the changed solution by its documentation ID.</summary>
        private sealed class MoveAll : FixAllProvider
        {
            public static readonly MoveAll Instance = new MoveAll();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
                => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
                => Task.FromResult<CodeAction?>(fixAllContext.CodeActionEquivalenceKey != Key
                    ? null
                    : CodeAction.Create("Move CancellationToken parameters last", ct => ApplyAsync(fixAllContext, ct), Key));

            private static async Task<Solution> ApplyAsync(FixAllContext context, CancellationToken cancellationToken)
            {
                var documents = FixAllDocuments.InScope(context);
                // Methods are found again by documentation ID, local functions by document, name and occurrence.
                var targets = new List<(ProjectId Project, DocumentId Document, string Id, int Occurrence, int Index, int NewIndex)>();
                foreach (var document in documents)
                {
                    foreach (var diagnostic in await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false))
                    {
                        if (await TargetAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is not { } target)
                        {
                            continue;
                        }

                        if (target.Method.MethodKind == MethodKind.LocalFunction)
                        {
                            var declaration = await target.Method.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
                            targets.Add((document.Project.Id, document.Id, target.Method.Name, Occurrence(await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false), declaration), target.Index, target.NewIndex));
                        }
                        else if (DocumentationCommentId.CreateDeclarationId(target.Method) is { } id)
                        {
                            targets.Add((document.Project.Id, document.Id, id, -1, target.Index, target.NewIndex));
                        }
                    }
                }

                var solution = context.Solution;
                foreach (var (projectId, documentId, id, occurrence, index, newIndex) in targets)
                {
                    IMethodSymbol? method = null;
                    if (occurrence < 0)
                    {
                        var compilation = await solution.GetProject(projectId)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                        method = compilation is null ? null : DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation) as IMethodSymbol;
                    }
                    else if (solution.GetDocument(documentId) is { } document
                        && await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } root
                        && Nth(root, id, occurrence) is { } local
                        && await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is { } model)
                    {
                        method = model.GetDeclaredSymbol(local, cancellationToken) as IMethodSymbol;
                    }

                    if (method != null)
                    {
                        solution = await MoveAsync(solution, method, index, newIndex, cancellationToken).ConfigureAwait(false);
                    }
                }

                return solution;
            }
        }
    }
}
