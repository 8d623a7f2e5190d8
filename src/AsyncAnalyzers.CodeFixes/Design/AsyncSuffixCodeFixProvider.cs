using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC602 fix: "Rename to 'XAsync'". Methods are renamed with Roslyn's <see cref="Renamer"/> across the solution —
    /// references, overrides and implementations follow; a local function is renamed inside its member (nothing outside
    /// can see it). Refused when the new name is already taken in the type (any member, of the type or its bases) or, for a
    /// local function, in scope. Fix All renames the local functions document by document, then each method in turn,
    /// finding it again in the renamed solution by its documentation ID.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncSuffixCodeFixProvider)), Shared]
    public sealed class AsyncSuffixCodeFixProvider : CodeFixProvider
    {
        private const string Key = nameof(AsyncSuffixCodeFixProvider);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncSuffix);

        public override FixAllProvider GetFixAllProvider() => RenameAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null || root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (Target(root, model, diagnostic, context.CancellationToken) is not { } target)
                {
                    continue;
                }

                var document = context.Document;
                var solution = document.Project.Solution;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Rename to '" + target.NewName + "'",
                        ct => target.Local != null
                            ? RenameLocalFunctionsAsync(document, new[] { target }, ct)
                            : Renamer.RenameSymbolAsync(solution, target.Method, default(SymbolRenameOptions), target.NewName, ct),
                        Key),
                    diagnostic);
            }
        }

        private static RenameTarget? Target(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(AsyncSuffixAnalyzer.NewNameProperty, out var newName) || string.IsNullOrEmpty(newName)
                || !SyntaxFacts.IsValidIdentifier(newName))
            {
                return null;
            }

            var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
            {
                return null;
            }

            if (declaration is LocalFunctionStatementSyntax local)
            {
                if (!model.LookupSymbols(local.SpanStart, name: newName).IsEmpty)
                {
                    return null;
                }

                foreach (var node in Scope(local).DescendantNodes())
                {
                    if (node is LocalFunctionStatementSyntax other && other.Identifier.ValueText == newName)
                    {
                        return null;
                    }
                }

                return new RenameTarget(method, newName!, local);
            }

            for (var type = method.ContainingType; type != null; type = type.BaseType)
            {
                if (!type.GetMembers(newName!).IsEmpty)
                {
                    return null;
                }
            }

            return new RenameTarget(method, newName!, null);
        }

        /// <summary>Where a local function can be named: its member, or all top-level statements.</summary>
        private static SyntaxNode Scope(LocalFunctionStatementSyntax local)
        {
            for (var node = local.Parent; node != null; node = node.Parent)
            {
                switch (node)
                {
                    case GlobalStatementSyntax:
                        return node.Parent ?? node;
                    case MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax:
                        return node;
                }
            }

            return local;
        }

        /// <summary>Renames local functions of one document: the declaration and every name bound to it.</summary>
        private static async Task<Solution> RenameLocalFunctionsAsync(Document document, IReadOnlyList<RenameTarget> targets, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document.Project.Solution;
            }

            var renames = new Dictionary<SyntaxToken, string>();
            foreach (var target in targets)
            {
                var local = target.Local!;
                renames[local.Identifier] = target.NewName;
                foreach (var node in Scope(local).DescendantNodes())
                {
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == target.Method.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol?.OriginalDefinition, target.Method.OriginalDefinition))
                    {
                        renames[identifier.Identifier] = target.NewName;
                    }
                }
            }

            var renamed = root.ReplaceTokens(renames.Keys, (original, _) => SyntaxFactory.Identifier(renames[original]).WithTriviaFrom(original));
            return document.WithSyntaxRoot(renamed).Project.Solution;
        }

        private sealed class RenameTarget
        {
            public RenameTarget(IMethodSymbol method, string newName, LocalFunctionStatementSyntax? local)
            {
                Method = method;
                NewName = newName;
                Local = local;
            }

            public IMethodSymbol Method { get; }

            public string NewName { get; }

            public LocalFunctionStatementSyntax? Local { get; }
        }

        /// <summary>Fix All: local functions per document in one pass each, then every method through the Renamer, one after another.</summary>
        private sealed class RenameAll : FixAllProvider
        {
            public static readonly RenameAll Instance = new RenameAll();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes()
                => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey != Key)
                {
                    return Task.FromResult<CodeAction?>(null);
                }

                return Task.FromResult<CodeAction?>(CodeAction.Create(
                    "Rename to follow the Async suffix convention",
                    ct => ApplyAsync(fixAllContext, ct),
                    Key));
            }

            private static async Task<Solution> ApplyAsync(FixAllContext context, CancellationToken cancellationToken)
            {
                var documents = FixAllDocuments.InScope(context);
                var solution = context.Solution;
                var methods = new List<(ProjectId Project, string Id, string NewName)>();
                foreach (var document in documents)
                {
                    var diagnostics = await context.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false);
                    if (diagnostics.IsEmpty)
                    {
                        continue;
                    }

                    var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (root is null || model is null)
                    {
                        continue;
                    }

                    var locals = new List<RenameTarget>();
                    foreach (var diagnostic in diagnostics)
                    {
                        if (Target(root, model, diagnostic, cancellationToken) is not { } target)
                        {
                            continue;
                        }

                        if (target.Local != null)
                        {
                            locals.Add(target);
                        }
                        else if (DocumentationCommentId.CreateDeclarationId(target.Method) is { } id)
                        {
                            methods.Add((document.Project.Id, id, target.NewName));
                        }
                    }

                    if (locals.Count > 0)
                    {
                        solution = await RenameLocalFunctionsAsync(solution.GetDocument(document.Id)!, locals, cancellationToken).ConfigureAwait(false);
                    }
                }

                foreach (var (projectId, id, newName) in methods)
                {
                    var compilation = await solution.GetProject(projectId)!.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                    if (compilation != null && DocumentationCommentId.GetFirstSymbolForDeclarationId(id, compilation) is IMethodSymbol method)
                    {
                        solution = await Renamer.RenameSymbolAsync(solution, method, default(SymbolRenameOptions), newName, cancellationToken).ConfigureAwait(false);
                    }
                }

                return solution;
            }
        }
    }
}
