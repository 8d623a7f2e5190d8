using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Cancellation
{
    /// <summary>
    /// The fix the compiler does not ship for CS8425 ("async-iterator has CancellationToken parameters but none is decorated
    /// with [EnumeratorCancellation]"): adds the attribute (and its using) to a token parameter, one action per parameter.
    /// Equivalence keys: <c>AddEnumeratorCancellation</c> for the only token parameter, <c>AddEnumeratorCancellation:name</c>
    /// when there are several, so Fix All applies the same choice everywhere.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EnumeratorCancellationCodeFixProvider)), Shared]
    public sealed class EnumeratorCancellationCodeFixProvider : CodeFixProvider
    {
        public const string CompilerDiagnosticId = "CS8425";
        private const string KeyPrefix = "AddEnumeratorCancellation";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(CompilerDiagnosticId);

        public override FixAllProvider GetFixAllProvider()
            => FixAllProvider.Create(static async (context, document, diagnostics) =>
            {
                var key = context.CodeActionEquivalenceKey ?? KeyPrefix;
                var parameterName = key.Length > KeyPrefix.Length + 1 ? key.Substring(KeyPrefix.Length + 1) : null;
                return await FixAsync(document, diagnostics, parameterName, context.CancellationToken).ConfigureAwait(false);
            });

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null || KnownSymbols.Get(model.Compilation).EnumeratorCancellationAttribute is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var candidates = TokenParameters(root, model, diagnostic, context.CancellationToken);
                foreach (var parameter in candidates)
                {
                    var name = parameter.Identifier.ValueText;
                    var key = candidates.Count == 1 ? KeyPrefix : KeyPrefix + ":" + name;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Add [EnumeratorCancellation] to '{name}'",
                            ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), candidates.Count == 1 ? null : name, ct),
                            key),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? parameterName, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || KnownSymbols.Get(model.Compilation).EnumeratorCancellationAttribute is not { } attributeType)
            {
                return document;
            }

            var editor = new DocumentFixEditor(document, root, model);
            foreach (var diagnostic in diagnostics)
            {
                var candidates = TokenParameters(root, model, diagnostic, cancellationToken);
                var target = parameterName is null
                    ? (candidates.Count == 1 ? candidates[0] : null)
                    : candidates.FirstOrDefault(p => p.Identifier.ValueText == parameterName);
                if (target is null)
                {
                    continue;
                }

                var name = editor.TypeName(attributeType, target.SpanStart);
                var attributeName = name is IdentifierNameSyntax { Identifier.ValueText: "EnumeratorCancellationAttribute" }
                    ? SyntaxFactory.IdentifierName("EnumeratorCancellation")
                    : (NameSyntax)name;
                var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(attributeName)))
                    .WithTrailingTrivia(SyntaxFactory.Space);
                editor.ReplaceNode(target, (current, _) =>
                {
                    var parameter = (ParameterSyntax)current;
                    var leading = parameter.GetLeadingTrivia();
                    return parameter.WithoutLeadingTrivia().WithAttributeLists(parameter.AttributeLists.Insert(0, list)).WithLeadingTrivia(leading);
                });
            }

            var changed = await DocumentFixProvider.AddImportsAsync(document.WithSyntaxRoot(editor.GetChangedRoot()), cancellationToken).ConfigureAwait(false);
            return await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The CancellationToken parameters of the async iterator the diagnostic is on.</summary>
        private static List<ParameterSyntax> TokenParameters(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var result = new List<ParameterSyntax>();
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var declaration = node.AncestorsAndSelf().FirstOrDefault(n => n is MethodDeclarationSyntax or LocalFunctionStatementSyntax);
            var parameters = declaration switch
            {
                MethodDeclarationSyntax method => method.ParameterList.Parameters,
                LocalFunctionStatementSyntax local => local.ParameterList.Parameters,
                _ => default,
            };
            var tokenType = KnownSymbols.Get(model.Compilation).CancellationToken;
            foreach (var parameter in parameters)
            {
                if (model.GetDeclaredSymbol(parameter, cancellationToken) is { } symbol && KnownSymbols.Is(symbol.Type, tokenType))
                {
                    result.Add(parameter);
                }
            }

            return result;
        }
    }
}
