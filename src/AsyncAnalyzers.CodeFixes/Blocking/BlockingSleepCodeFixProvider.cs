using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Blocking
{
    /// <summary>ASYNC101 fix: <c>Thread.Sleep(x)</c> → <c>await Task.Delay(x[, token])</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingSleepCodeFixProvider)), Shared]
    public sealed class BlockingSleepCodeFixProvider : DocumentFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingSleep);

        protected override string EquivalenceKey => nameof(BlockingSleepCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Use 'await Task.Delay'";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => DiagnosticSyntax.FindInvocation(root, diagnostic) is { } invocation
               && KnownSymbols.Get(model.Compilation).Task != null
               && AwaitInsertion.CanAwaitAt(invocation);

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var task = KnownSymbols.Get(editor.SemanticModel.Compilation).Task!;
            foreach (var diagnostic in diagnostics)
            {
                if (DiagnosticSyntax.FindInvocation(editor.OriginalRoot, diagnostic) is not { } invocation)
                {
                    continue;
                }

                var tokenExpression = TokenForwarding.CreateTokenExpression(diagnostic);

                // Task.Delay's parameters are named differently from Thread.Sleep's: drop argument names.
                var arguments = invocation.ArgumentList.Arguments;
                var newArguments = SyntaxFactory.SeparatedList<ArgumentSyntax>();
                for (var i = 0; i < arguments.Count; i++)
                {
                    var argument = arguments[i];
                    newArguments = newArguments.Add(argument.NameColon is null ? argument : argument.WithNameColon(null).WithLeadingTrivia(argument.GetLeadingTrivia()));
                }

                var argumentList = invocation.ArgumentList.WithArguments(newArguments);
                if (tokenExpression != null)
                {
                    argumentList = AwaitInsertion.AppendArgument(argumentList, SyntaxFactory.Argument(tokenExpression));
                }

                var taskType = editor.TypeExpression(task, invocation.SpanStart);
                var delay = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, taskType, SyntaxFactory.IdentifierName("Delay")),
                    argumentList);

                var replacement = AwaitInsertion.Await(delay.WithTriviaFrom(invocation));
                editor.ReplaceNode(invocation, replacement);
            }
        }
    }
}
