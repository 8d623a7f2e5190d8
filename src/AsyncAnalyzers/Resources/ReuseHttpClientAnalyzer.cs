using System;
using System.Collections.Immutable;
using System.Threading;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Resources
{
    /// <summary>
    /// ASYNC403: <c>new HttpClient(…)</c> created inside code that runs per call — a method, a lambda, a loop — and
    /// used or disposed there. Not reported: clients stored in a field or property (singletons, constructor-built
    /// members), returned by a factory, handed to another object or registration, built over a shared handler
    /// (<c>new HttpClient(sharedHandler, false)</c>), created once in <c>Main</c> / top-level statements outside loops, in
    /// static constructors, and in test projects (xUnit, NUnit, MSTest, TUnit referenced).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ReuseHttpClientAnalyzer : DiagnosticAnalyzer
    {
        private static readonly string[] TestFrameworkAssemblies =
        {
            "xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "TUnit.Core",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ReuseHttpClient);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                var compilation = start.Compilation;
                var isTestProject = new Lazy<bool>(() => ReferencesTestFramework(compilation), LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterOperationAction(c =>
                {
                    // A name walk first: most creations are of other types, and resolving HttpClient costs a lookup.
                    if (c.Operation.Type is { } created && HasBaseNamed(created, "HttpClient") && known.HttpClient is { } httpClient)
                    {
                        Analyze(c, httpClient, known.HttpMessageHandler, isTestProject);
                    }
                }, OperationKind.ObjectCreation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol httpClient, INamedTypeSymbol? handler, Lazy<bool> isTestProject)
        {
            if (context.Operation is not IObjectCreationOperation creation || creation.Type is not { } type || !KnownSymbols.IsOrDerivesFrom(type, httpClient))
            {
                return;
            }

            if (UsesSharedHandler(creation, handler) || !IsUsedPerCall(creation) || RunsOnce(creation, context.ContainingSymbol) || isTestProject.Value)
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ReuseHttpClient, creation.Syntax.GetLocation()));
        }

        /// <summary><c>new HttpClient(handler, …)</c> over a handler that was not created right here: the pool is shared.</summary>
        private static bool UsesSharedHandler(IObjectCreationOperation creation, INamedTypeSymbol? handler)
        {
            if (handler is null)
            {
                return false;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Type is { } parameterType && KnownSymbols.IsOrDerivesFrom(parameterType, handler))
                {
                    return OperationTree.Unwrap(argument.Value) is not IObjectCreationOperation;
                }
            }

            return false;
        }

        /// <summary>The client is used or disposed where it is created, not stored or handed on.</summary>
        private static bool IsUsedPerCall(IObjectCreationOperation creation)
        {
            var value = (IOperation)creation;
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            switch (value.Parent)
            {
                case IExpressionStatementOperation:
                case IUsingOperation:
                case IInvocationOperation { Instance: { } receiver } when ReferenceEquals(receiver, value):
                case IPropertyReferenceOperation { Instance: { } target } when ReferenceEquals(target, value):
                    return true;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return IsLocalUsedPerCall(declarator.Symbol, creation);
                default:
                    // Field/property initializers and assignments, returns, arguments, collection elements: stored or handed on.
                    return false;
            }
        }

        private static bool IsLocalUsedPerCall(ILocalSymbol local, IOperation creation)
        {
            var body = AsyncContext.FunctionBody(creation);
            foreach (var operation in body.Descendants())
            {
                if (!OperationTree.IsReferenceTo(operation, local))
                {
                    continue;
                }

                var use = operation;
                while (use.Parent is IConversionOperation or IParenthesizedOperation)
                {
                    use = use.Parent;
                }

                switch (use.Parent)
                {
                    case IReturnOperation:
                    case IArgumentOperation:
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, use):
                    case IVariableInitializerOperation:
                    case IArrayInitializerOperation:
                    case ICollectionExpressionOperation:
                        return false;
                }

                if (AsyncContext.IsInNestedFunction(operation, body))
                {
                    return false; // captured by a lambda that may outlive the call
                }
            }

            return true;
        }

        /// <summary>Code that runs once: a static constructor, or Main / top-level statements outside any loop.</summary>
        private static bool RunsOnce(IOperation creation, ISymbol containingSymbol)
        {
            var function = AsyncContext.GetEnclosingFunction(creation, containingSymbol);
            if (function is null)
            {
                return false;
            }

            if (function.MethodKind == MethodKind.StaticConstructor)
            {
                return true;
            }

            var isEntryPoint = function.IsStatic && (function.Name == "Main" || function.Name == "<Main>$") && function.MethodKind == MethodKind.Ordinary;
            if (!isEntryPoint)
            {
                return false;
            }

            for (var current = creation.Parent; current != null; current = current.Parent)
            {
                if (current is ILoopOperation)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool HasBaseNamed(ITypeSymbol type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.Name == name)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ReferencesTestFramework(Compilation compilation)
        {
            foreach (var identity in compilation.ReferencedAssemblyNames)
            {
                foreach (var name in TestFrameworkAssemblies)
                {
                    if (string.Equals(identity.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
