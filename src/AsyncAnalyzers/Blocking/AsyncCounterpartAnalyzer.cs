using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC103: a call with an async twin in an async context.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncCounterpartAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic properties the fix reads.</summary>
        public const string TwinNameProperty = "TwinName";
        public const string TokenShapeProperty = "TokenShape";
        public const string TokenParameterProperty = "TokenParameter";
        public const string FixableProperty = "Fixable";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsyncCounterpart, Descriptors.AsyncCounterpartChannel);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);
                // Built on first use: a compilation without a call that could have a twin never pays for it.
                var twins = AsyncTwins.CreateLazy(start.Compilation, start.Options, start.CancellationToken);
                start.RegisterOperationAction(c =>
                {
                    // Cheapest first: a name and the enclosing function (no symbol is resolved for code that is not async).
                    if (c.Operation is not IInvocationOperation invocation || invocation.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal)
                        || !AsyncContext.IsAsyncContext(invocation, c.ContainingSymbol) || known.Task is null || known.TaskOfT is null)
                    {
                        return;
                    }

                    Analyze(c, known, twins);
                }, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known, System.Lazy<AsyncTwins> twins)
        {
            if (context.Operation is not IInvocationOperation invocation)
            {
                return;
            }

            var method = invocation.TargetMethod;
            var name = method.Name;

            if (name == "Take" && KnownSymbols.Is(method.ContainingType?.OriginalDefinition, known.BlockingCollectionOfT)
                && !OperationTree.IsInExpressionTreeOrNameof(invocation, known))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncCounterpartChannel, invocation.Syntax.GetLocation(), Display(method)));
                return;
            }

            if (BlockingTaskCalls.IsSemaphoreTry(invocation, known))
            {
                return;
            }

            var twin = twins.Value.Find(invocation, context.ContainingSymbol, Options.ForTree(context.Options, invocation.Syntax.SyntaxTree));
            if (twin is not { } found || OperationTree.IsInExpressionTreeOrNameof(invocation, known))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(TwinNameProperty, found.Method.Name);
            properties.Add(TokenShapeProperty, found.Token.ToString());
            if (found.TokenParameterName != null)
            {
                properties.Add(TokenParameterProperty, found.TokenParameterName);
            }

            if (found.ParametersMatch)
            {
                properties.Add(FixableProperty, "true");
            }

            var decided = found.Token == TwinTokenShape.None ? properties.ToImmutable() : InScopeToken.AddTo(properties.ToImmutable(), InScopeToken.Find(invocation, context.ContainingSymbol));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncCounterpart, invocation.Syntax.GetLocation(), decided, Display(method), found.Method.Name));
        }

        private static string Display(IMethodSymbol method) => method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name;
    }
}
