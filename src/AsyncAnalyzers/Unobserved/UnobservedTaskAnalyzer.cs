using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Unobserved
{
    /// <summary>
    /// ASYNC201: a call returning a task (or any awaitable) used as a statement, in any method, lambda or local function,
    /// except where the compiler already reports CS4014 (async contexts, and sync contexts calling a method declared async,
    /// both without '?.').
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UnobservedTaskAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: "Async" (fix: await) or "Sync" (fix: discard).</summary>
        public const string ContextProperty = "Context";

        /// <summary>Diagnostic property: present for null-conditional calls (<c>x?.M()</c>).</summary>
        public const string ConditionalProperty = "Conditional";

        /// <summary>Diagnostic property: present when the awaitable is a reference type (so '?? Task.CompletedTask' type-checks).</summary>
        public const string ReferenceTypeProperty = "ReferenceType";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.UnobservedTask);

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
                    if (known.Task is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.ExpressionStatement);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IExpressionStatementOperation statement)
            {
                return;
            }

            var conditional = false;
            var expression = statement.Operation;
            while (expression is IConditionalAccessOperation access)
            {
                conditional = true;
                expression = access.WhenNotNull;
            }

            if (expression is not IInvocationOperation invocation || !known.IsAwaitable(invocation.Type))
            {
                return;
            }

            var method = invocation.TargetMethod;
            if (method.Name == "ContinueWith" && invocation.Instance != null && known.IsTaskLike(invocation.Instance.Type))
            {
                return;
            }

            var function = AsyncContext.GetEnclosingFunction(invocation, context.ContainingSymbol);
            var isAsync = function is { IsAsync: true };
            if (!conditional && (isAsync || method.IsAsync))
            {
                return; // CS4014 already says it.
            }

            var fireAndForget = Options.GetList(Options.ForTree(context.Options, invocation.Syntax.SyntaxTree), RuleOptions.FireAndForgetMethods);
            foreach (var name in fireAndForget.IsEmpty ? RuleOptions.DefaultFireAndForgetMethods : fireAndForget)
            {
                if (name == method.Name)
                {
                    return;
                }
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(ContextProperty, isAsync ? "Async" : "Sync");
            if (conditional)
            {
                properties.Add(ConditionalProperty, "true");
            }

            if (invocation.Type is { IsReferenceType: true })
            {
                properties.Add(ReferenceTypeProperty, "true");
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.UnobservedTask, statement.Operation.Syntax.GetLocation(), properties.ToImmutable(), Display(method)));
        }

        private static string Display(IMethodSymbol method)
            => method.MethodKind == MethodKind.DelegateInvoke ? method.ContainingType.Name : method.Name;
    }
}
