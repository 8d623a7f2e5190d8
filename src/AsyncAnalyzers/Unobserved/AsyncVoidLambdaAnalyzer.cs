using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Unobserved
{
    /// <summary>
    /// ASYNC204: an async lambda, anonymous method or async void method group converted to a void-returning delegate
    /// (Action, ThreadStart, TimerCallback, List.ForEach's Action&lt;T&gt;, Parallel.ForEach's body …), except event
    /// subscriptions with the (object sender, TEventArgs e) shape.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncVoidLambdaAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsyncVoidLambda);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c =>
                {
                    // Only an async target can be an async void delegate: decided without a symbol lookup.
                    if (c.Operation is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.IsAsync: true } or IMethodReferenceOperation { Method.IsAsync: true } }
                        || known.Task is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.DelegateCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IDelegateCreationOperation { Type: INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: true } invoke } delegateType } creation)
            {
                return;
            }

            string kind;
            Location location;
            switch (creation.Target)
            {
                case IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda:
                    kind = lambda.Syntax is AnonymousMethodExpressionSyntax ? "anonymous method" : "lambda";
                    location = HeaderLocation(lambda.Syntax);
                    break;
                case IMethodReferenceOperation { Method: { IsAsync: true } method } reference:
                    if (AsyncVoidMethodAnalyzer.IsReportedByDefault(method, known))
                    {
                        return; // ASYNC203 reports the async void method once, at its declaration
                    }

                    kind = "method group";
                    location = reference.Syntax.GetLocation();
                    break;
                default:
                    return;
            }

            if (IsEventSubscription(creation) && known.IsEventHandlerSignature(invoke))
            {
                return;
            }

            var properties = InScopeToken.AddTo(ImmutableDictionary<string, string?>.Empty, InScopeToken.Find(creation, context.ContainingSymbol));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncVoidLambda, location, properties, kind, MessageText.Of(delegateType)));
        }

        /// <summary><c>async x =&gt;</c>, <c>async (a, b) =&gt;</c> or <c>async delegate (…)</c>: the part that says what it is.</summary>
        private static Location HeaderLocation(SyntaxNode syntax)
        {
            var end = syntax switch
            {
                LambdaExpressionSyntax lambda => lambda.ArrowToken.Span.End,
                AnonymousMethodExpressionSyntax method => method.ParameterList?.Span.End ?? method.DelegateKeyword.Span.End,
                _ => syntax.Span.End,
            };
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end));
        }

        private static bool IsEventSubscription(IOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IEventAssignmentOperation;
        }
    }
}
