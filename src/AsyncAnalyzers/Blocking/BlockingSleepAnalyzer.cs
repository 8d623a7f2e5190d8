using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Blocking
{
    /// <summary>ASYNC101: <c>Thread.Sleep</c> in an async context.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BlockingSleepAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingSleep);

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
                    if (c.Operation is IInvocationOperation { TargetMethod.Name: "Sleep" } && known.Thread is { } thread)
                    {
                        AnalyzeInvocation(c, thread);
                    }
                }, OperationKind.Invocation);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol thread)
        {
            if (context.Operation is not IInvocationOperation invocation)
            {
                return;
            }

            var method = invocation.TargetMethod;
            if (method.Name != "Sleep" || !method.IsStatic || !SymbolEqualityComparer.Default.Equals(method.ContainingType, thread))
            {
                return;
            }

            if (!AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol))
            {
                return;
            }

            // The fix passes the in-scope token to Task.Delay: decided here, once (see InScopeToken).
            var properties = InScopeToken.AddTo(ImmutableDictionary<string, string?>.Empty, InScopeToken.Find(invocation, context.ContainingSymbol));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.BlockingSleep, invocation.Syntax.GetLocation(), properties));
        }
    }
}
