using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC505: a timeout that does not cancel — <c>await Task.WhenAny(op, Task.Delay(t))</c> (either order) and
    /// <c>op.WaitAsync(t)</c> — where <c>op</c> is a call that accepts a CancellationToken (optional parameter or token
    /// overload, as ASYNC302 decides) but is given none. <c>op</c> may be a local assigned once from such a call.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CancellableTimeoutAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Set when the fix can rewrite the call in place (the operation is called right there, not through a local).</summary>
        public const string DirectCallProperty = "DirectCall";

        /// <summary>The token parameter name the operation's call gets (named when <see cref="NamedTokenProperty"/> is set).</summary>
        public const string TokenParameterProperty = "TokenParameter";
        public const string NamedTokenProperty = "NamedToken";

        /// <summary>Which argument of WhenAny is the Delay (0 or 1); absent for WaitAsync.</summary>
        public const string DelayIndexProperty = "DelayIndex";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CancellableTimeout);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                var compilation = start.Compilation;
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is IInvocationOperation { TargetMethod.Name: "WhenAny" or "WaitAsync" } invocation && known.Task is { } task)
                    {
                        Analyze(c, invocation, task, known, compilation);
                    }
                }, OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, INamedTypeSymbol task, KnownSymbols known, Compilation compilation)
        {
            var method = invocation.TargetMethod;
            IOperation? operation;
            var delayIndex = -1;
            if (method.Name == "WhenAny")
            {
                if (!method.IsStatic || !KnownSymbols.Is(method.ContainingType, task) || !IsAwaited(invocation) || Tasks(invocation) is not { Length: 2 } tasks)
                {
                    return;
                }

                delayIndex = IsDelay(tasks[0], task) ? 0 : IsDelay(tasks[1], task) ? 1 : -1;
                if (delayIndex < 0)
                {
                    return;
                }

                operation = tasks[1 - delayIndex];
            }
            else
            {
                if (method.IsStatic || invocation.Instance is null || !(KnownSymbols.Is(method.ContainingType, task) || KnownSymbols.Is(method.ContainingType?.OriginalDefinition, known.TaskOfT))
                    || HasTokenParameter(method, known))
                {
                    return;
                }

                operation = OperationTree.Unwrap(invocation.Instance);
            }

            var direct = true;
            if (operation is ILocalReferenceOperation local)
            {
                operation = LocalWrites.SingleAssignedValue(local.Local, AsyncContext.FunctionBody(invocation));
                operation = operation is null ? null : OperationTree.Unwrap(operation);
                direct = false;
            }

            if (operation is not IInvocationOperation call)
            {
                return;
            }

            var acceptance = TokenAcceptance.Get(compilation).Find(call);
            if (acceptance.Kind == TokenAcceptanceKind.None)
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            if (direct)
            {
                properties.Add(DirectCallProperty, "true");
            }

            if (acceptance.ParameterName != null)
            {
                properties.Add(TokenParameterProperty, acceptance.ParameterName);
            }

            if (acceptance.NeedsNamedArgument)
            {
                properties.Add(NamedTokenProperty, "true");
            }

            if (delayIndex >= 0)
            {
                properties.Add(DelayIndexProperty, delayIndex == 0 ? "0" : "1");
            }

            var decided = InScopeToken.AddTo(properties.ToImmutable(), InScopeToken.Find(invocation, context.ContainingSymbol));
            var name = call.TargetMethod.ContainingType is { } type ? type.Name + "." + call.TargetMethod.Name : call.TargetMethod.Name;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.CancellableTimeout, invocation.Syntax.GetLocation(), decided, name));
        }

        /// <summary>The tasks passed to WhenAny: two arguments, or the elements of its params array / collection expression.</summary>
        private static ImmutableArray<IOperation> Tasks(IInvocationOperation invocation)
        {
            var builder = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                switch (OperationTree.Unwrap(argument.Value))
                {
                    case IArrayCreationOperation { Initializer: { } initializer } when argument.ArgumentKind == ArgumentKind.ParamArray || argument.Value is IArrayCreationOperation:
                        foreach (var element in initializer.ElementValues)
                        {
                            builder.Add(OperationTree.Unwrap(element));
                        }

                        break;
                    case ICollectionExpressionOperation collection:
                        foreach (var element in collection.Elements)
                        {
                            builder.Add(OperationTree.Unwrap(element));
                        }

                        break;
                    default:
                        builder.Add(OperationTree.Unwrap(argument.Value));
                        break;
                }
            }

            return builder.ToImmutable();
        }

        private static bool IsDelay(IOperation operation, INamedTypeSymbol task)
            => operation is IInvocationOperation { TargetMethod: { Name: "Delay", IsStatic: true } delay } && KnownSymbols.Is(delay.ContainingType, task);

        private static bool IsAwaited(IOperation operation)
        {
            var current = operation;
            while (current.Parent is IConversionOperation or IParenthesizedOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IAwaitOperation || current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Parent: IAwaitOperation };
        }

        private static bool HasTokenParameter(IMethodSymbol method, KnownSymbols known)
        {
            foreach (var parameter in method.Parameters)
            {
                if (KnownSymbols.Is(parameter.Type, known.CancellationToken))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
