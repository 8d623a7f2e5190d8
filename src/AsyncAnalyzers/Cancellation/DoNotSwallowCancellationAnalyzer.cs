using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Cancellation
{
    /// <summary>
    /// ASYNC304 asks one question: does this handler swallow the <em>caller's</em> cancellation? It reports a
    /// <c>catch (Exception)</c> / bare <c>catch</c> without a filter, in async code, when the guarded code receives a token
    /// that comes from a CancellationToken parameter (directly, through a local, or through a linked source) and the
    /// handler neither rethrows, nor decides about cancellation itself, nor hands the exception on. A timeout source
    /// created in the method is not the caller asking to stop, so a try that only receives such a token is not reported.
    /// The token found is handed to the fix, which lets exactly that cancellation through.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class DoNotSwallowCancellationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The caller's token parameter the fix tests in its <c>when (token.IsCancellationRequested)</c>.</summary>
        public const string TokenProperty = "Token";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DoNotSwallowCancellation);

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
                    if (known.CancellationToken is null || known.OperationCanceledException is null || known.Exception is null)
                    {
                        return;
                    }

                    Analyze(c, known);
                }, OperationKind.Try);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not ITryOperation { Catches.Length: > 0 } tryOperation || !HasBroadUnfilteredCatch(tryOperation, known)
                || !AsyncContext.IsAsyncContext(tryOperation, context.ContainingSymbol))
            {
                return;
            }

            var root = AsyncContext.FunctionBody(tryOperation);
            if (CallerToken(tryOperation.Body, root, known) is not { } token
                || IsCallbackBoundary(tryOperation, context.ContainingSymbol)
                || IsCleanupInsideRethrowingHandler(tryOperation)
                || IsIsolatedInCancellationAwareLoop(tryOperation, known)
                || ChecksTokenRightAfter(tryOperation, known))
            {
                return;
            }

            foreach (var clause in tryOperation.Catches)
            {
                if (CatchesCancellation(clause.ExceptionType, known) && !ExceptionHandlers.IsCatchAll(clause.ExceptionType, known))
                {
                    return; // an earlier catch (OperationCanceledException) handles cancellation first
                }

                if (!ExceptionHandlers.IsCatchAll(clause.ExceptionType, known) || clause.Filter != null || HandlesItself(clause, known))
                {
                    continue;
                }

                if (clause.Syntax is CatchClauseSyntax syntax)
                {
                    var end = syntax.Declaration?.Span.End ?? syntax.CatchKeyword.Span.End;
                    var properties = ImmutableDictionary<string, string?>.Empty.Add(TokenProperty, token.Name);
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.DoNotSwallowCancellation, Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.SpanStart, end)), properties, token.Name));
                }
            }
        }

        private static bool HasBroadUnfilteredCatch(ITryOperation tryOperation, KnownSymbols known)
        {
            foreach (var clause in tryOperation.Catches)
            {
                if (clause.Filter is null && ExceptionHandlers.IsCatchAll(clause.ExceptionType, known))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>OperationCanceledException or a base of it (SystemException, Exception).</summary>
        private static bool CatchesCancellation(ITypeSymbol type, KnownSymbols known)
        {
            for (var current = known.OperationCanceledException as ITypeSymbol; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>OperationCanceledException or a type derived from it (TaskCanceledException).</summary>
        private static bool IsCancellationType(ITypeSymbol? type, KnownSymbols known)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (KnownSymbols.Is(current, known.OperationCanceledException))
                {
                    return true;
                }
            }

            return false;
        }

        // ------------------------------------------------------------------ whose token

        /// <summary>
        /// The CancellationToken parameter whose token the guarded code receives (passed as an argument, or a member of it
        /// called), directly, through a local assigned once, or through <c>CreateLinkedTokenSource(parameter, …)</c>. Null
        /// when the guarded code receives only tokens the method made itself (a timeout) or none.
        /// </summary>
        private static IParameterSymbol? CallerToken(IOperation body, IOperation root, KnownSymbols known)
        {
            foreach (var operation in body.Descendants())
            {
                var token = operation switch
                {
                    IArgumentOperation { ArgumentKind: not ArgumentKind.DefaultValue } argument when KnownSymbols.Is(argument.Value.Type, known.CancellationToken) => argument.Value,
                    IInvocationOperation { Instance: { } instance } when KnownSymbols.Is(instance.Type, known.CancellationToken) => instance,
                    _ => null,
                };

                if (token != null && TokenParameter(token, root, known, depth: 0) is { } parameter)
                {
                    return parameter;
                }
            }

            return null;
        }

        private static IParameterSymbol? TokenParameter(IOperation value, IOperation root, KnownSymbols known, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            switch (OperationTree.Unwrap(value))
            {
                case IParameterReferenceOperation { Parameter: { } parameter } when KnownSymbols.Is(parameter.Type, known.CancellationToken):
                    return parameter;
                case ILocalReferenceOperation { Local: { } local } when LocalWrites.SingleAssignedValue(local, root) is { } assigned:
                    return TokenParameter(assigned, root, known, depth + 1);
                case IPropertyReferenceOperation { Property.Name: "Token", Instance: { } source } when KnownSymbols.Is(source.Type, known.CancellationTokenSource):
                    return SourceParameter(source, root, known, depth + 1);
                default:
                    return null;
            }
        }

        /// <summary>A source linked to a caller's token: <c>CancellationTokenSource.CreateLinkedTokenSource(token, …)</c>.</summary>
        private static IParameterSymbol? SourceParameter(IOperation source, IOperation root, KnownSymbols known, int depth)
        {
            if (OperationTree.Unwrap(source) is not ILocalReferenceOperation { Local: { } local }
                || LocalWrites.SingleAssignedValue(local, root) is not { } value
                || OperationTree.Unwrap(value) is not IInvocationOperation { TargetMethod.Name: "CreateLinkedTokenSource" } linked)
            {
                return null;
            }

            foreach (var argument in linked.Arguments)
            {
                foreach (var element in BlockingTaskCalls.InlineTasks(argument.Value).IsDefault ? ImmutableArray.Create(argument.Value) : BlockingTaskCalls.InlineTasks(argument.Value))
                {
                    if (TokenParameter(element, root, known, depth + 1) is { } parameter)
                    {
                        return parameter;
                    }
                }
            }

            return null;
        }

        // ------------------------------------------------------------------ handlers that are right as they are

        /// <summary>
        /// The handler rethrows or wraps, decides about cancellation itself, or hands the exception on: then what happens
        /// to a cancellation is the handler's explicit choice.
        /// </summary>
        private static bool HandlesItself(ICatchClauseOperation clause, KnownSymbols known)
        {
            var exception = clause.ExceptionDeclarationOrExpression is IVariableDeclaratorOperation declarator ? declarator.Symbol : null;
            foreach (var operation in clause.Handler.Descendants())
            {
                if (AsyncContext.IsInNestedFunction(operation, clause.Handler))
                {
                    continue;
                }

                switch (operation)
                {
                    case IThrowOperation:
                        return true;

                    // ex is OperationCanceledException, switch on the type, typeof(TaskCanceledException) …
                    case IIsTypeOperation isType when IsCancellationType(isType.TypeOperand, known):
                    case ITypePatternOperation typePattern when IsCancellationType(typePattern.MatchedType, known):
                    case IDeclarationPatternOperation declarationPattern when IsCancellationType(declarationPattern.MatchedType, known):
                    case ITypeOfOperation typeOf when IsCancellationType(typeOf.TypeOperand, known):
                        return true;

                    // token.IsCancellationRequested / ThrowIfCancellationRequested, or a call that receives the token (a retry delay).
                    case IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" }:
                        return true;
                    case IInvocationOperation { Instance: { } instance } when KnownSymbols.Is(instance.Type, known.CancellationToken):
                        return true;
                    case IArgumentOperation { ArgumentKind: not ArgumentKind.DefaultValue } tokenArgument
                        when KnownSymbols.Is(tokenArgument.Value.Type, known.CancellationToken) && !IsNeverCanceled(tokenArgument.Value):
                        return true;

                    // Handed on: a helper that receives the exception (TrySetException(ex), Handle(ex)), or returned / stored.
                    case IArgumentOperation { Parent: IInvocationOperation call } exceptionArgument
                        when exception != null && References(exceptionArgument.Value, exception) && !IsJustLogging(call.TargetMethod, known):
                        return true;
                    case IReturnOperation { ReturnedValue: { } returned } when exception != null && References(returned, exception):
                        return true;
                    case ISimpleAssignmentOperation assignment when exception != null && References(assignment.Value, exception):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Logging or printing the exception is not a decision about cancellation: Console, Debug, Trace and the common
        /// logging libraries' loggers (Microsoft.Extensions.Logging, Serilog, NLog, log4net).
        /// </summary>
        private static bool IsJustLogging(IMethodSymbol method, KnownSymbols known)
        {
            var type = method.ContainingType;
            if (type is null)
            {
                return false;
            }

            foreach (var logger in known.LoggerTypes)
            {
                if (KnownSymbols.Is(type, logger))
                {
                    return true;
                }

                foreach (var @interface in type.AllInterfaces)
                {
                    if (KnownSymbols.Is(@interface, logger))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool References(IOperation value, ILocalSymbol local)
        {
            var unwrapped = OperationTree.Unwrap(value);
            return unwrapped is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        /// <summary><c>CancellationToken.None</c> and <c>default</c> can never be canceled.</summary>
        private static bool IsNeverCanceled(IOperation value)
            => OperationTree.Unwrap(value) switch
            {
                IPropertyReferenceOperation { Property: { Name: "None", IsStatic: true } } => true,
                IDefaultValueOperation => true,
                _ => false,
            };

        /// <summary>
        /// The top-level catch of an <c>async void</c> method, local function or lambda: nothing above it can catch, so
        /// catching everything is what keeps the process alive.
        /// </summary>
        private static bool IsCallbackBoundary(ITryOperation tryOperation, ISymbol containingSymbol)
        {
            var function = AsyncContext.GetEnclosingFunction(tryOperation, containingSymbol);
            if (function is not { IsAsync: true, ReturnsVoid: true })
            {
                return false;
            }

            return tryOperation.Parent is IBlockOperation block
                   && (block.Parent is IMethodBodyOperation or ILocalFunctionOperation or IAnonymousFunctionOperation || block.Parent is null);
        }

        /// <summary>Best-effort cleanup inside a handler that rethrows afterwards: the cancellation travels on with that rethrow.</summary>
        private static bool IsCleanupInsideRethrowingHandler(ITryOperation tryOperation)
        {
            for (var parent = tryOperation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return false;
                }

                if (parent is ICatchClauseOperation outer)
                {
                    return ExceptionHandlers.Rethrows(outer.Handler);
                }
            }

            return false;
        }

        /// <summary>
        /// A try inside a loop that itself handles cancellation (an enclosing try with its own
        /// <c>catch (OperationCanceledException)</c>, or a loop condition that reads <c>IsCancellationRequested</c>): the
        /// catch-all isolates one item's failure (a user callback), cancellation is handled around it.
        /// </summary>
        private static bool IsIsolatedInCancellationAwareLoop(ITryOperation tryOperation, KnownSymbols known)
        {
            var inLoop = false;
            for (var parent = tryOperation.Parent; parent != null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IWhileLoopOperation { Condition: { } condition } when ReadsIsCancellationRequested(condition):
                        return true;
                    case ILoopOperation:
                        inLoop = true;
                        break;
                    case ITryOperation outer when inLoop:
                        foreach (var clause in outer.Catches)
                        {
                            if (IsCancellationType(clause.ExceptionType, known))
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        private static bool ReadsIsCancellationRequested(IOperation condition)
        {
            foreach (var operation in condition.DescendantsAndSelf())
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>token.ThrowIfCancellationRequested()</c> or an <c>IsCancellationRequested</c> test right after the try.</summary>
        private static bool ChecksTokenRightAfter(ITryOperation tryOperation, KnownSymbols known)
        {
            if (tryOperation.Parent is not IBlockOperation block)
            {
                return false;
            }

            var index = block.Operations.IndexOf(tryOperation);
            if (index < 0 || index + 1 >= block.Operations.Length)
            {
                return false;
            }

            foreach (var operation in block.Operations[index + 1].DescendantsAndSelf())
            {
                if (operation is IPropertyReferenceOperation { Property.Name: "IsCancellationRequested" }
                    || operation is IInvocationOperation { TargetMethod.Name: "ThrowIfCancellationRequested", Instance: { } instance } && KnownSymbols.Is(instance.Type, known.CancellationToken))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
