using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Resources
{
    /// <summary>
    /// ASYNC401: a synchronous <c>using</c> (statement or declaration) over an <c>IAsyncDisposable</c> resource in an async
    /// context, and an explicit <c>x.Dispose()</c> on one. Types whose synchronous Dispose costs nothing (in-memory
    /// streams and writers, timers, token registrations) are excluded, extensible with <c>exclude_types</c>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AwaitUsingAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Which shape was reported: <see cref="StatementForm"/>, <see cref="DeclarationForm"/> or <see cref="DisposeCallForm"/>.</summary>
        public const string FormProperty = "Form";
        public const string StatementForm = "Statement";
        public const string DeclarationForm = "Declaration";
        public const string DisposeCallForm = "Dispose";

        /// <summary>Set when the resource type has no accessible DisposeAsync method (IAsyncDisposable implemented explicitly).</summary>
        public const string ExplicitDisposeAsyncProperty = "ExplicitDisposeAsync";

        /// <summary>Types whose synchronous Dispose does no I/O and does not block (documentation IDs; base types count).</summary>
        internal static readonly ImmutableArray<string> DefaultExclusions = ImmutableArray.Create(
            "T:System.IO.MemoryStream",
            "T:System.IO.UnmanagedMemoryStream",
            "T:System.IO.StringWriter",
            // Dispose unregisters; only DisposeAsync waits for a callback already running.
            "T:System.Threading.CancellationTokenRegistration",
            // Dispose stops the timer without waiting for callbacks.
            "T:System.Threading.Timer");

        private static readonly ConditionalWeakTable<AnalyzerConfigOptions, ExclusionList> Configured = new ConditionalWeakTable<AnalyzerConfigOptions, ExclusionList>();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AwaitUsing, Descriptors.AwaitUsingDispose);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c =>
                {
                    if (known.IAsyncDisposable is { } asyncDisposable)
                    {
                        AnalyzeUsing(c, asyncDisposable);
                    }
                }, OperationKind.Using, OperationKind.UsingDeclaration);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is IInvocationOperation { TargetMethod.Name: "Dispose" } && known.IAsyncDisposable is { } asyncDisposable)
                    {
                        AnalyzeDispose(c, asyncDisposable);
                    }
                }, OperationKind.Invocation);
            });
        }

        private static void AnalyzeUsing(OperationAnalysisContext context, INamedTypeSymbol asyncDisposable)
        {
            ITypeSymbol? type;
            SyntaxToken usingKeyword;
            string form;
            switch (context.Operation)
            {
                case IUsingOperation { IsAsynchronous: false } statement when statement.Syntax is UsingStatementSyntax syntax:
                    type = ResourceType(statement.Resources);
                    usingKeyword = syntax.UsingKeyword;
                    form = StatementForm;
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: false } declaration when declaration.Syntax is LocalDeclarationStatementSyntax syntax:
                    type = ResourceType(declaration.DeclarationGroup);
                    usingKeyword = syntax.UsingKeyword;
                    form = DeclarationForm;
                    break;
                default:
                    return;
            }

            if (type is null || !KnownSymbols.IsOrImplements(type, asyncDisposable)
                || !AsyncContext.IsAsyncContext(context.Operation, context.ContainingSymbol)
                || IsInLock(context.Operation.Syntax)
                || IsExcluded(type, context.Options, context.Operation.Syntax.SyntaxTree))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, form);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AwaitUsing,
                Location.Create(context.Operation.Syntax.SyntaxTree, usingKeyword.Span),
                properties,
                MessageText.Of(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated))));
        }

        private static void AnalyzeDispose(OperationAnalysisContext context, INamedTypeSymbol asyncDisposable)
        {
            if (context.Operation is not IInvocationOperation { TargetMethod: { Name: "Dispose", Parameters.Length: 0, IsStatic: false } } invocation
                || invocation.Instance is not { } instance)
            {
                return;
            }

            // this.Dispose() / base.Dispose() inside the type itself: the type's own disposal pattern, not a resource.
            var receiver = OperationTree.Unwrap(instance);
            if (receiver is IInstanceReferenceOperation || receiver.Type is not { } type || !KnownSymbols.IsOrImplements(type, asyncDisposable)
                || !AsyncContext.IsAsyncContext(invocation, context.ContainingSymbol)
                || IsInLock(invocation.Syntax)
                || IsExcluded(type, context.Options, invocation.Syntax.SyntaxTree))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, DisposeCallForm);
            if (!HasAccessibleDisposeAsync(type))
            {
                properties = properties.Add(ExplicitDisposeAsyncProperty, "true");
            }

            var receiverText = receiver.Syntax is ExpressionSyntax expression && expression.Span.Length <= 40 ? expression.ToString() : "x";
            // x?.Dispose(): the whole conditional access, not its '.Dispose()' half.
            var reported = invocation.Syntax.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == invocation.Syntax ? conditional : invocation.Syntax;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AwaitUsingDispose, reported.GetLocation(), properties, MessageText.Of(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), receiverText));
        }

        private static ITypeSymbol? ResourceType(IOperation? resources)
        {
            switch (resources)
            {
                case IVariableDeclarationGroupOperation group when group.Declarations.Length > 0 && group.Declarations[0].Declarators.Length > 0:
                    return group.Declarations[0].Declarators[0].Symbol.Type;
                case null:
                    return null;
                default:
                    return OperationTree.Unwrap(resources).Type;
            }
        }

        /// <summary>Whether <c>x.DisposeAsync()</c> binds without a cast (a public or internal DisposeAsync on the type or a base).</summary>
        private static bool HasAccessibleDisposeAsync(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Interface || type is ITypeParameterSymbol)
            {
                return true;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers("DisposeAsync"))
                {
                    if (member is IMethodSymbol { Parameters.Length: 0, DeclaredAccessibility: Accessibility.Public or Accessibility.Internal })
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsInLock(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax:
                        return true;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        private static bool IsExcluded(ITypeSymbol type, AnalyzerOptions options, SyntaxTree tree)
        {
            var configured = Configured.GetValue(Options.ForTree(options, tree), static o => new ExclusionList(Options.GetList(o, RuleOptions.AwaitUsingExcludeTypes))).Entries;
            for (var current = type; current != null; current = current.BaseType)
            {
                var id = current.OriginalDefinition.GetDocumentationCommentId();
                if (id is null)
                {
                    continue;
                }

                if (Matches(DefaultExclusions, id, current) || (!configured.IsEmpty && Matches(configured, id, current)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Matches(ImmutableArray<string> entries, string typeId, ITypeSymbol type)
        {
            foreach (var entry in entries)
            {
                if (entry == typeId)
                {
                    return true;
                }

                if (entry.StartsWith("N:", StringComparison.Ordinal) && type.ContainingNamespace is { } ns)
                {
#pragma warning disable RS0030 // Matched against the user's N: entry, which is text.
                    var name = ns.ToDisplayString();
#pragma warning restore RS0030
                    var wanted = entry.Substring(2);
                    if (name == wanted || name.StartsWith(wanted + ".", StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private sealed class ExclusionList
        {
            public ExclusionList(ImmutableArray<string> entries) => Entries = entries;

            public ImmutableArray<string> Entries { get; }
        }
    }
}
