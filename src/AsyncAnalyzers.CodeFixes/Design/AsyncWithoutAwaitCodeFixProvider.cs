using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using AsyncAnalyzers.CodeFixes.Common;
using AsyncAnalyzers.CodeFixes.Rewriting;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Design;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Design
{
    /// <summary>
    /// ASYNC502 fix (also offered on the compiler's CS1998, which older compilers report instead): removes <c>async</c> and
    /// returns the tasks itself (<see cref="TaskReturns"/>). An async function never throws to its caller — whatever its
    /// body throws ends up on the task — so the rewrite keeps that where the body can throw (<see cref="BodyThrows"/>):
    /// a body that cannot throw is only rewritten; one whose only throws are its own <c>throw</c> statements returns
    /// <c>Task.FromException</c> there; any other body is wrapped in <c>try { … } catch (Exception ex) { return
    /// Task.FromException(ex); }</c>. Not offered for <c>async void</c> (its exceptions go to the synchronization context, which
    /// no task-free rewrite reproduces), custom task types, and bodies that may end in OperationCanceledException: an async
    /// method turns it into a canceled task, and <c>Task.FromCanceled</c> requires a token that is already canceled.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncWithoutAwaitCodeFixProvider)), Shared]
    public sealed class AsyncWithoutAwaitCodeFixProvider : DocumentFixProvider
    {
        /// <summary>The compiler's "async method lacks 'await' operators" (Roslyn before 5.0), the same finding.</summary>
        private const string CompilerDiagnosticId = "CS1998";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncWithoutAwait, CompilerDiagnosticId);

        protected override string EquivalenceKey => nameof(AsyncWithoutAwaitCodeFixProvider);

        protected override string GetTitle(Diagnostic diagnostic) => "Remove 'async' and return the task";

        protected override bool CanFix(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
            => Plan(root, model, diagnostic, cancellationToken) is not null;

        protected override void Fix(DocumentFixEditor editor, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Get(editor.SemanticModel.Compilation);
            foreach (var diagnostic in diagnostics)
            {
                if (Plan(editor.OriginalRoot, editor.SemanticModel, diagnostic, cancellationToken) is not { } plan
                    || known.Task is not { } task || (plan.IsValueTask ? known.ValueTask : task) is not { } returnedTask)
                {
                    continue;
                }

                var position = plan.Function.SpanStart;
                var taskName = editor.TypeName(returnedTask, position);
                var valueType = plan.Result is null ? null : ((TypeSyntax)editor.Generator.TypeExpression(plan.Result)).WithAdditionalAnnotations(Simplifier.Annotation);
                var rewriter = new TaskReturns(taskName, valueType, plan.IsValueTask);
                if (plan.Mode != ExceptionMode.None && known.Exception is { } exception)
                {
                    var faulted = editor.TypeName(task, position);
                    rewriter.FromException = e => FromException(faulted, valueType, plan.IsValueTask ? taskName : null, e);
                    rewriter.ThrowsToTask = plan.Mode == ExceptionMode.ThrowsToTask;
                    if (plan.Mode == ExceptionMode.Guard)
                    {
                        rewriter.Guard = (editor.TypeName(exception, position), plan.ExceptionName);
                        rewriter.NewLine = editor.EndOfLine;
                    }
                }

                editor.ReplaceNode(plan.Function, (current, _) => TaskReturns.RemoveAsyncModifier(rewriter.Wrap(current, plan.EndIsReachable)));
            }
        }

        /// <summary><c>Task.FromException&lt;T&gt;(e)</c>, wrapped as <c>new ValueTask&lt;T&gt;(…)</c> for a ValueTask (any framework with ValueTask has that constructor).</summary>
        private static ExpressionSyntax FromException(NameSyntax task, TypeSyntax? valueType, NameSyntax? valueTask, ExpressionSyntax exception)
        {
            SimpleNameSyntax name = valueType is null
                ? SyntaxFactory.IdentifierName("FromException")
                : SyntaxFactory.GenericName(SyntaxFactory.Identifier("FromException"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(valueType)));
            ExpressionSyntax faulted = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, name),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(exception))));
            if (valueTask is null)
            {
                return faulted;
            }

            return SyntaxFactory.ObjectCreationExpression(
                SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space),
                valueType is null ? valueTask : MakeAsync.TaskOf(valueTask, valueType),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(faulted))),
                null);
        }

        private enum ExceptionMode
        {
            None,
            ThrowsToTask,
            Guard,
        }

        private sealed class FixPlan
        {
            public FixPlan(SyntaxNode function, ITypeSymbol? result, bool isValueTask, bool endIsReachable, ExceptionMode mode, string exceptionName)
            {
                Function = function;
                Result = result;
                IsValueTask = isValueTask;
                EndIsReachable = endIsReachable;
                Mode = mode;
                ExceptionName = exceptionName;
            }

            public SyntaxNode Function { get; }

            /// <summary>T of Task&lt;T&gt; / ValueTask&lt;T&gt;; null for Task / ValueTask.</summary>
            public ITypeSymbol? Result { get; }

            public bool IsValueTask { get; }

            public bool EndIsReachable { get; }

            public ExceptionMode Mode { get; }

            public string ExceptionName { get; }
        }

        private static FixPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (FindFunction(root, diagnostic) is not { } function
                || !AsyncFunctionSyntax.AsyncKeyword(function).IsKind(SyntaxKind.AsyncKeyword)
                || AsyncFunctionSyntax.Body(function) is not { } body
                || AsyncWithoutAwaitAnalyzer.HasAwaitOrYield(body))
            {
                return null;
            }

            var symbol = function is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
            var known = KnownSymbols.Get(model.Compilation);
            if (symbol?.ReturnType is not INamedTypeSymbol returnType || known.Exception is null)
            {
                return null;
            }

            var definition = returnType.OriginalDefinition;
            var isValueTask = KnownSymbols.Is(definition, known.ValueTask) || KnownSymbols.Is(definition, known.ValueTaskOfT);
            if (!isValueTask && !KnownSymbols.Is(definition, known.Task) && !KnownSymbols.Is(definition, known.TaskOfT))
            {
                return null;
            }

            var operation = model.GetOperation(function, cancellationToken) switch
            {
                IMethodBodyOperation method => (IOperation?)method.BlockBody ?? method.ExpressionBody,
                ILocalFunctionOperation local => local.Body,
                IAnonymousFunctionOperation lambda => lambda.Body,
                _ => null,
            };
            if (operation is null)
            {
                return null;
            }

            var throws = BodyThrows.Classify(operation, known);
            ExceptionMode mode;
            if (!throws.MayThrow && throws.ThrowStatements == 0)
            {
                mode = ExceptionMode.None;
            }
            else if (throws.MayCancel)
            {
                return null;
            }
            else
            {
                mode = throws.MayThrow || throws.HasTry || throws.ThrowExpressions ? ExceptionMode.Guard : ExceptionMode.ThrowsToTask;
            }

            var endIsReachable = body is BlockSyntax block
                && (block.Statements.Count == 0
                    || model.AnalyzeControlFlow(block.Statements[0], block.Statements[block.Statements.Count - 1]) is { Succeeded: true, EndPointIsReachable: true });
            return new FixPlan(
                function,
                returnType.TypeArguments.Length == 1 ? returnType.TypeArguments[0] : null,
                isValueTask,
                endIsReachable,
                mode,
                mode == ExceptionMode.Guard ? FreeName(model, body.SpanStart) : "ex");
        }

        /// <summary>The function whose <c>async</c> keyword (ASYNC502) or name / arrow (CS1998) the diagnostic points at.</summary>
        private static SyntaxNode? FindFunction(SyntaxNode root, Diagnostic diagnostic)
        {
            for (var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent; node != null; node = node.Parent)
            {
                if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)
                {
                    return node;
                }

                if (node is StatementSyntax or MemberDeclarationSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>A name for the caught exception that nothing in scope at the body already uses.</summary>
        private static string FreeName(SemanticModel model, int position)
        {
            foreach (var candidate in new[] { "ex", "exception", "e" })
            {
                if (model.LookupSymbols(position, name: candidate).IsEmpty)
                {
                    return candidate;
                }
            }

            for (var i = 1; ; i++)
            {
                var candidate = "ex" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (model.LookupSymbols(position, name: candidate).IsEmpty)
                {
                    return candidate;
                }
            }
        }
    }
}
