using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncAnalyzers.CodeFixes.Unobserved
{
    /// <summary>
    /// ASYNC203 fix: <c>async void</c> → <c>async Task</c>, offered only when every reference to the method is a call:
    /// a method group converted to a delegate (an event subscription, a callback) would stop compiling or change meaning.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncVoidMethodCodeFixProvider)), Shared]
    public sealed class AsyncVoidMethodCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncVoidMethod);

        protected override string EquivalenceKey => nameof(AsyncVoidMethodCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Return 'Task' instead of 'void'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => !diagnostic.Properties.ContainsKey(AsyncVoidMethodAnalyzer.ContractBoundProperty)
               && !diagnostic.Properties.ContainsKey(AsyncVoidMethodAnalyzer.CallbackProperty)
               && KnownSymbols.Get(model.Compilation).Task != null
               && FindDeclaration(root, diagnostic) is { } declaration
               && ReturnType(declaration) is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };

        protected override async Task<bool> CanFixAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!CanFix(root, model, diagnostic, cancellationToken) || FindDeclaration(root, diagnostic) is not { } declaration
                || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method)
            {
                return false;
            }

            // async void → async Task changes the signature: a breaking change for a library's callers outside the solution.
            if (PublicApi.IsPublicApi(method, model.Compilation)
                && !Options.GetBool(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(declaration.SyntaxTree), RuleOptions.AsyncVoidPublicApi, false))
            {
                return false;
            }

            if (method.MethodKind == MethodKind.LocalFunction)
            {
                // References can only be inside the enclosing member.
                var scope = declaration.Parent?.Parent ?? declaration;
                foreach (var name in scope.DescendantNodes())
                {
                    if (name is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == method.Name
                        && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, method)
                        && !IsInvocationTarget(identifier))
                    {
                        return false;
                    }
                }

                return true;
            }

            var references = await SymbolFinder.FindReferencesAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var reference in references)
            {
                foreach (var location in reference.Locations)
                {
                    var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var node = referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (node is not SimpleNameSyntax simple || !IsInvocationTarget(simple))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var task = KnownSymbols.Get(editor.SemanticModel.Compilation).Task!;
            foreach (var diagnostic in diagnostics)
            {
                if (FindDeclaration(editor.OriginalRoot, diagnostic) is not { } declaration || ReturnType(declaration) is not { } returnType)
                {
                    continue;
                }

                var taskName = editor.TypeName(task, declaration.SpanStart);
                editor.ReplaceNode(returnType, taskName.WithTriviaFrom(returnType));
            }
        }

        private static bool IsInvocationTarget(SimpleNameSyntax name)
        {
            SyntaxNode expression = name;
            if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
            {
                expression = access;
            }
            else if (name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name)
            {
                expression = binding;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression;
        }

        private static SyntaxNode? FindDeclaration(SyntaxNode root, Diagnostic diagnostic)
        {
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            return token.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax ? token.Parent : null;
        }

        private static TypeSyntax? ReturnType(SyntaxNode declaration)
            => declaration switch
            {
                MethodDeclarationSyntax method => method.ReturnType,
                LocalFunctionStatementSyntax local => local.ReturnType,
                _ => null,
            };
    }
}
