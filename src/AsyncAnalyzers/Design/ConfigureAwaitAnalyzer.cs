using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC601 (ships disabled): an <c>await</c>, <c>await foreach</c> or <c>await using</c> without <c>ConfigureAwait</c>,
    /// where <c>async_analyzers.configure_await</c> asks for it: <c>library</c> (default) — a project that builds a library
    /// and is not app code (ASP.NET Core, WPF, WinForms, MAUI: the package exposes those MSBuild properties) nor a test
    /// project; <c>always</c>; <c>never</c>. Only awaitables that have a <c>ConfigureAwait(bool)</c> are reported
    /// (<c>Task.Yield()</c> and custom awaiters never are); enumerables and disposables need
    /// TaskAsyncEnumerableExtensions (.NET Core 3.0+, or Microsoft.Bcl.AsyncInterfaces).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConfigureAwaitAnalyzer : DiagnosticAnalyzer
    {
        /// <summary><c>Await</c>, <c>ForEach</c> or <c>Using</c>: what the fix appends ConfigureAwait(false) to.</summary>
        public const string ShapeProperty = "Shape";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ConfigureAwait);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                var isLibrary = IsLibraryProject(start.Compilation, start.Options.AnalyzerConfigOptionsProvider.GlobalOptions);
                var configurable = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(
                    c => Analyze(c, known, configurable, isLibrary),
                    OperationKind.Await,
                    OperationKind.Loop,
                    OperationKind.Using,
                    OperationKind.UsingDeclaration);
            });
        }

        /// <summary>
        /// A library that is not app code: the compiler builds a DLL, the project is not ASP.NET Core / WPF / WinForms / MAUI
        /// (MSBuild properties the package makes visible) and not a test project (IsTestProject, or a reference to a test framework).
        /// </summary>
        internal static bool IsLibraryProject(Compilation compilation, AnalyzerConfigOptions global)
        {
            if (compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary)
            {
                return false;
            }

            foreach (var property in AppProperties)
            {
                if (global.TryGetValue("build_property." + property, out var value) && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            foreach (var reference in compilation.ReferencedAssemblyNames)
            {
                if (reference.Name is "xunit.core" or "xunit.v3.core" or "nunit.framework" or "Microsoft.VisualStudio.TestPlatform.TestFramework" or "TUnit.Core")
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The MSBuild properties (exposed by the package as CompilerVisibleProperty) that mark app code or tests.</summary>
        internal static readonly ImmutableArray<string> AppProperties = ImmutableArray.Create("UsingMicrosoftNETSdkWeb", "UseWPF", "UseWindowsForms", "UseMaui", "IsTestProject");

        private static bool Required(OperationAnalysisContext context, bool isLibrary)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.Operation.Syntax.SyntaxTree);
            var mode = Options.GetString(options, RuleOptions.ConfigureAwaitMode)?.Trim();
            if (mode is null || string.Equals(mode, "library", StringComparison.OrdinalIgnoreCase))
            {
                return isLibrary;
            }

            return string.Equals(mode, "always", StringComparison.OrdinalIgnoreCase);
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known, ConcurrentDictionary<ITypeSymbol, bool> configurable, bool isLibrary)
        {
            switch (context.Operation)
            {
                case IAwaitOperation { Syntax: AwaitExpressionSyntax syntax } await
                    when await.Operation.Type is { } type && HasConfigureAwait(type, configurable):
                    Report(context, isLibrary, syntax.AwaitKeyword, "Await", "'await'");
                    break;
                case IForEachLoopOperation { IsAsynchronous: true, Syntax: CommonForEachStatementSyntax syntax } loop
                    when known.TaskAsyncEnumerableExtensions is not null && IsAsyncEnumerable(OperationTree.Unwrap(loop.Collection).Type, known) && !IsConfigured(loop.Collection):
                    Report(context, isLibrary, syntax.AwaitKeyword, "ForEach", "'await foreach'");
                    break;
                case IUsingOperation { IsAsynchronous: true, Syntax: UsingStatementSyntax syntax } @using
                    when known.TaskAsyncEnumerableExtensions is not null && !IsConfiguredDisposable(@using.Resources, known):
                    Report(context, isLibrary, syntax.AwaitKeyword, "Using", "'await using'");
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: true, Syntax: LocalDeclarationStatementSyntax syntax } declaration
                    when known.TaskAsyncEnumerableExtensions is not null && !IsConfiguredDisposable(declaration.DeclarationGroup, known):
                    Report(context, isLibrary, syntax.AwaitKeyword, "Using", "'await using'");
                    break;
            }
        }

        /// <summary>Reports when the file's <c>configure_await</c> mode asks for ConfigureAwait (the options are read only here, for candidates).</summary>
        private static void Report(OperationAnalysisContext context, bool isLibrary, Microsoft.CodeAnalysis.SyntaxToken awaitKeyword, string shape, string what)
        {
            if (Required(context, isLibrary))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ConfigureAwait,
                    awaitKeyword.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, shape),
                    what));
            }
        }

        /// <summary>Task, ValueTask (generic or not) or any awaitable with an instance <c>ConfigureAwait(bool)</c>: not yet configured.</summary>
        private static bool HasConfigureAwait(ITypeSymbol type, ConcurrentDictionary<ITypeSymbol, bool> cache)
        {
            if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } named)
            {
                return false;
            }

            var key = named.OriginalDefinition;
            if (cache.TryGetValue(key, out var known))
            {
                return known;
            }

            var found = false;
            foreach (var member in key.GetMembers("ConfigureAwait"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean)
                {
                    found = true;
                    break;
                }
            }

            cache.TryAdd(key, found);
            return found;
        }

        /// <summary>The collection of an await foreach ends in <c>.ConfigureAwait(…)</c>, possibly before <c>.WithCancellation(…)</c>.</summary>
        private static bool IsConfigured(IOperation collection)
        {
            var current = OperationTree.Unwrap(collection);
            while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "WithCancellation" } invocation)
            {
                if (invocation.TargetMethod.Name == "ConfigureAwait")
                {
                    return true;
                }

                var receiver = invocation.Instance ?? (invocation.Arguments.IsEmpty ? null : invocation.Arguments[0].Value);
                if (receiver is null)
                {
                    return false;
                }

                current = OperationTree.Unwrap(receiver);
            }

            return false;
        }

        /// <summary>The resources of an await using are ConfiguredAsyncDisposable values (<c>x.ConfigureAwait(false)</c>).</summary>
        private static bool IsConfiguredDisposable(IOperation resources, KnownSymbols known)
        {
            if (resources is IVariableDeclarationGroupOperation group)
            {
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if (!KnownSymbols.Is(declarator.Symbol.Type, known.ConfiguredAsyncDisposable)
                            && known.IAsyncDisposable is { } declared && KnownSymbols.IsOrImplements(declarator.Symbol.Type, declared))
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            var type = OperationTree.Unwrap(resources).Type;
            return KnownSymbols.Is(type, known.ConfiguredAsyncDisposable) || type is null || known.IAsyncDisposable is not { } disposable
                   || !KnownSymbols.IsOrImplements(type, disposable);
        }

        /// <summary>IAsyncEnumerable&lt;T&gt; (or a type implementing it), or WithCancellation's ConfiguredCancelableAsyncEnumerable&lt;T&gt;.</summary>
        private static bool IsAsyncEnumerable(ITypeSymbol? type, KnownSymbols known)
            => type is not null
               && (KnownSymbols.Is(type.OriginalDefinition, known.ConfiguredCancelableAsyncEnumerableOfT)
                   || (known.IAsyncEnumerableOfT is { } enumerable && KnownSymbols.IsOrImplements(type, enumerable)));
    }
}
