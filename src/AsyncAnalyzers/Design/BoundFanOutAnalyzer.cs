using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC507: <c>Task.WhenAll(items.Select(async …))</c> over a sequence of unknown size, with no throttle in the lambda.
    /// Not reported: array creations and collection expressions written out in the code (their size is in front of the
    /// reader), <c>Enumerable.Range(…, n)</c> with a constant n up to 16, lambdas that wait on a <c>SemaphoreSlim</c>,
    /// lambdas that are not async. The per-item loop variant (tasks added in a loop) is not covered.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BoundFanOutAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Set when the WhenAll is an awaited statement whose results are unused: the fix can use Parallel.ForEachAsync.</summary>
        public const string ResultsUnusedProperty = "ResultsUnused";

        private const int SmallBound = 16;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BoundFanOut);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is IInvocationOperation { TargetMethod: { Name: "WhenAll", IsStatic: true } } invocation && known.Task is { } task && known.Enumerable is { } enumerable)
                    {
                        Analyze(c, invocation, task, enumerable, known);
                    }
                }, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, INamedTypeSymbol task, INamedTypeSymbol enumerable, KnownSymbols known)
        {
            if (!KnownSymbols.Is(invocation.TargetMethod.ContainingType, task) || invocation.Arguments.Length != 1
                || OperationTree.Unwrap(invocation.Arguments[0].Value) is not IInvocationOperation { TargetMethod.Name: "Select" } select
                || !KnownSymbols.Is(select.TargetMethod.ContainingType, enumerable) || select.Arguments.Length != 2)
            {
                return;
            }

            var source = OperationTree.Unwrap(select.Arguments[0].Value);
            if (OperationTree.Unwrap(select.Arguments[1].Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation { Symbol.IsAsync: true } lambda }
                || IsSmallKnownSize(source) || WaitsOnSemaphore(lambda, known))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            // Parallel.ForEachAsync's body returns ValueTask: the lambda must produce no result (Task), or be an expression
            // body whose value can be dropped (await …, a call).
            var resultless = KnownSymbols.Is(lambda.Symbol.ReturnType, task)
                || lambda.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.LambdaExpressionSyntax { ExpressionBody: Microsoft.CodeAnalysis.CSharp.Syntax.AwaitExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax };
            if (lambda.Symbol.Parameters.Length == 1 && resultless && IsUnusedAwaitedStatement(invocation))
            {
                properties = properties.Add(ResultsUnusedProperty, "true");
            }

            var sourceText = source.Syntax.ToString();
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BoundFanOut, invocation.Syntax.GetLocation(), properties, sourceText.Length <= 40 ? sourceText : "the sequence"));
        }

        /// <summary>A source whose size is written in the code and small: an array or collection written out, a short constant Range.</summary>
        internal static bool IsSmallKnownSize(IOperation source)
            => source switch
            {
                IArrayCreationOperation => true,
                ICollectionExpressionOperation => true,
                IInvocationOperation { TargetMethod.Name: "Range", Arguments.Length: 2 } range
                    => range.Arguments[1].Value.ConstantValue is { HasValue: true, Value: int count } && count <= SmallBound,
                _ => false,
            };

        private static bool WaitsOnSemaphore(IAnonymousFunctionOperation lambda, KnownSymbols known)
        {
            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "WaitAsync" or "Wait" } wait && KnownSymbols.Is(wait.TargetMethod.ContainingType, known.SemaphoreSlim))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>await Task.WhenAll(…);</c> (optionally with ConfigureAwait) as a statement.</summary>
        private static bool IsUnusedAwaitedStatement(IOperation invocation)
        {
            var current = invocation;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            if (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure)
            {
                current = configure;
            }

            return current.Parent is IAwaitOperation { Parent: IExpressionStatementOperation };
        }
    }
}
