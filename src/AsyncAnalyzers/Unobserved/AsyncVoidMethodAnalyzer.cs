using System.Collections.Immutable;
using AsyncAnalyzers.Common;
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

        /// <summary>Diagnostic property: the method is a callback converted to a void delegate; it must stay void (no fix).</summary>
        public const string CallbackProperty = "Callback";

        private static readonly ImmutableDictionary<string, string?> ContractBound = ImmutableDictionary<string, string?>.Empty.Add(ContractBoundProperty, "true");

        private static readonly ImmutableDictionary<string, string?> Callback = ImmutableDictionary<string, string?>.Empty.Add(CallbackProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsyncVoidMethod, Descriptors.AsyncVoidCallback);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);

                // Per type: how its async void methods are used (called, or converted to a delegate) and whether each one's
                // whole body is guarded, decided when the type's analysis ends.
                start.RegisterSymbolStartAction(
                    typeStart =>
                    {
                        if (!HasAsyncVoidMethod((INamedTypeSymbol)typeStart.Symbol) || known.Task is null)
                        {
                            return;
                        }

                        var usage = new TypeUsage();
                        typeStart.RegisterOperationAction(c => usage.Record(c.Operation, c.ContainingSymbol, known), OperationKind.Invocation, OperationKind.MethodReference, OperationKind.MethodBody);
                        typeStart.RegisterSymbolEndAction(c => AnalyzeType(c, known, usage));
                    },
                    SymbolKind.NamedType);
                start.RegisterOperationAction(c =>
                {
                    if (known.Task is null)
                    {
                        return;
                    }

                    AnalyzeLocalFunction(c, known);
                }, OperationKind.LocalFunction);
            });
        }

        private static bool HasAsyncVoidMethod(INamedTypeSymbol type)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsAsync: true, ReturnsVoid: true })
                {
                    return true;
                }
            }

            return false;
        }

        private static void AnalyzeType(SymbolAnalysisContext context, KnownSymbols known, TypeUsage usage)
        {
            foreach (var member in ((INamedTypeSymbol)context.Symbol).GetMembers())
            {
                if (member is IMethodSymbol method)
                {
                    AnalyzeMethod(context, known, method, usage);
                }
            }
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols known, IMethodSymbol method, TypeUsage usage)
        {
            if (method is not { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary or MethodKind.ExplicitInterfaceImplementation }
                || method.Locations.Length == 0 || !method.Locations[0].IsInSource
                || known.IsEventHandlerSignature(method))
            {
                return;
            }

            // A callback that must stay void (every use in its type converts it to a delegate, none calls it): with its whole
            // body guarded by a catch-all it is the correct shape; without one, the advice is to guard it, not to return Task.
            if (usage.IsOnlyACallback(method))
            {
                if (!usage.IsGuarded(method))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AsyncVoidCallback, method.Locations[0], Callback, method.Name));
                }

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

        /// <summary>What a type does with its async void methods; filled by operation actions, read at the type's end.</summary>
        private sealed class TypeUsage
        {
            private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _called = new(SymbolEqualityComparer.Default);
            private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _converted = new(SymbolEqualityComparer.Default);
            private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> _guarded = new(SymbolEqualityComparer.Default);

            public void Record(IOperation operation, ISymbol containingSymbol, KnownSymbols known)
            {
                switch (operation)
                {
                    case IInvocationOperation { TargetMethod: { IsAsync: true, ReturnsVoid: true } target }:
                        _called[target.OriginalDefinition] = true;
                        break;
                    case IMethodReferenceOperation { Method: { IsAsync: true, ReturnsVoid: true } target }:
                        _converted[target.OriginalDefinition] = true;
                        break;
                    case IMethodBodyOperation { BlockBody: { } body }
                        when containingSymbol is IMethodSymbol { IsAsync: true, ReturnsVoid: true } declared && IsWholeBodyGuarded(body, known):
                        _guarded[declared.OriginalDefinition] = true;
                        break;
                }
            }

            public bool IsOnlyACallback(IMethodSymbol method)
                => _converted.ContainsKey(method.OriginalDefinition) && !_called.ContainsKey(method.OriginalDefinition);

            public bool IsGuarded(IMethodSymbol method) => _guarded.ContainsKey(method.OriginalDefinition);
        }

        /// <summary>
        /// Every statement of the body is a <c>try</c> whose catch-all (<c>catch</c> / <c>catch (Exception)</c>, no filter)
        /// does not rethrow: no exception can leave the method.
        /// </summary>
        private static bool IsWholeBodyGuarded(IBlockOperation body, KnownSymbols known)
        {
            if (body.Operations.IsEmpty)
            {
                return false;
            }

            foreach (var statement in body.Operations)
            {
                if (statement is not ITryOperation tryOperation || !HasNonRethrowingCatchAll(tryOperation, known))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasNonRethrowingCatchAll(ITryOperation tryOperation, KnownSymbols known)
        {
            foreach (var clause in tryOperation.Catches)
            {
                if (clause.Filter is null && ExceptionHandlers.IsCatchAll(clause.ExceptionType, known))
                {
                    return !ExceptionHandlers.Rethrows(clause.Handler);
                }
            }

            return false;
        }

        /// <summary>
        /// Whether this async void method's declaration is ASYNC203's to judge with default options (reported there, or found
        /// to be a guarded callback), so that other rules do not report its uses again.
        /// </summary>
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

            return InterfaceImplementations.ImplementsInterfaceMember(method);
        }
    }
}
