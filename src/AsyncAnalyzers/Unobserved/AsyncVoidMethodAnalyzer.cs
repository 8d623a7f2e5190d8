using System.Collections.Immutable;
using AsyncAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Unobserved
{
    /// <summary>
    /// ASYNC203: async void methods and local functions, except (object sender, TEventArgs e) handlers, and overrides or
    /// interface implementations of void members unless <c>report_contract_bound = true</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncVoidMethodAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: present when the signature is fixed by an override or interface (no fix).</summary>
        public const string ContractBoundProperty = "ContractBound";

        private static readonly ImmutableDictionary<string, string?> ContractBound = ImmutableDictionary<string, string?>.Empty.Add(ContractBoundProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsyncVoidMethod);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                if (known.Task is null)
                {
                    return;
                }

                start.RegisterSymbolAction(c => AnalyzeMethod(c, known), SymbolKind.Method);
                start.RegisterOperationAction(c => AnalyzeLocalFunction(c, known), OperationKind.LocalFunction);
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols known)
        {
            if (context.Symbol is not IMethodSymbol { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation } method
                || method.Locations.Length == 0 || !method.Locations[0].IsInSource
                || known.IsEventHandlerSignature(method))
            {
                return;
            }

            var contractBound = IsContractBound(method);
            if (contractBound)
            {
                var options = Options.ForTree(context.Options, method.Locations[0].SourceTree!);
                if (!Options.GetBool(options, RuleOptions.ReportContractBound, defaultValue: false))
                {
                    return;
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncVoidMethod, method.Locations[0], contractBound ? ContractBound : null, method.Name));
        }

        private static void AnalyzeLocalFunction(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not ILocalFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } function }
                || function.Locations.Length == 0
                || known.IsEventHandlerSignature(function))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncVoidMethod, function.Locations[0], function.Name));
        }

        /// <summary>Whether ASYNC203 reports this method's declaration with default options (so other rules need not report it again).</summary>
        internal static bool IsReportedByDefault(IMethodSymbol method, KnownSymbols known)
            => method is { IsAsync: true, ReturnsVoid: true }
               && method.Locations.Length > 0 && method.Locations[0].IsInSource
               && !known.IsEventHandlerSignature(method)
               && (method.MethodKind == MethodKind.LocalFunction || !IsContractBound(method));

        private static bool IsContractBound(IMethodSymbol method)
        {
            if (method.IsOverride || !method.ExplicitInterfaceImplementations.IsEmpty)
            {
                return true;
            }

            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
