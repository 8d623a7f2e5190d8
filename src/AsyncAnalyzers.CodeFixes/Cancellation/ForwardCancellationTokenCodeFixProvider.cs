using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.Cancellation;
using AsyncAnalyzers.CodeFixes.Infrastructure;
using AsyncAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Cancellation
{
    /// <summary>ASYNC302 fix: pass the in-scope token (named when needed), or append <c>.WithCancellation(token)</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ForwardCancellationTokenCodeFixProvider)), Shared]
    public sealed class ForwardCancellationTokenCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ForwardCancellationToken);

        protected override string EquivalenceKey => nameof(ForwardCancellationTokenCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Forward the cancellation token";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => diagnostic.Properties.ContainsKey(ForwardCancellationTokenAnalyzer.ShapeProperty)
               && DiagnosticSyntax.Find<ExpressionSyntax>(root, diagnostic) is { } node
               && (!IsArgumentShape(diagnostic) || node is InvocationExpressionSyntax)
               && InScopeToken.Find(model, node.SpanStart, cancellationToken).HasToken;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (DiagnosticSyntax.Find<ExpressionSyntax>(editor.OriginalRoot, diagnostic) is not { } node
                    || TokenForwarding.CreateTokenExpression(InScopeToken.Find(editor.SemanticModel, node.SpanStart, cancellationToken)) is not { } token)
                {
                    continue;
                }

                if (IsArgumentShape(diagnostic))
                {
                    diagnostic.Properties.TryGetValue(ForwardCancellationTokenAnalyzer.ParameterNameProperty, out var parameterName);
                    var named = diagnostic.Properties.ContainsKey(ForwardCancellationTokenAnalyzer.NamedProperty);
                    editor.ReplaceNode(node, (current, _) => current is InvocationExpressionSyntax invocation
                        ? TokenForwarding.AppendToken(invocation, token, parameterName, named)
                        : current);
                }
                else
                {
                    editor.ReplaceNode(node, (current, _) => TokenForwarding.WithCancellation((ExpressionSyntax)current, token));
                }
            }
        }

        private static bool IsArgumentShape(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(ForwardCancellationTokenAnalyzer.ShapeProperty, out var shape) && shape == "Argument";

    }
}
