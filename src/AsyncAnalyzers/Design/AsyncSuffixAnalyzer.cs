using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC602 (ships disabled): a method or local function returning a task (Task, ValueTask and other task types) or an
    /// async stream (IAsyncEnumerable/IAsyncEnumerator) whose name does not contain "Async", or one returning anything that
    /// cannot be awaited whose name ends in "Async". Exempt: names fixed by a contract — overrides, interface
    /// implementations, extern, <c>Main</c>, <c>GetAwaiter</c>/<c>GetAsyncEnumerator</c>/<c>MoveNextAsync</c>/<c>DisposeAsync</c>,
    /// methods with a test or benchmark framework's attributes, ASP.NET Core controller actions, SignalR hub methods, Razor
    /// Pages handlers, middleware <c>Invoke</c>, methods passed to minimal-API <c>Map…</c> calls, the event-based pattern's
    /// <c>void XAsync</c> beside an <c>XCompleted</c> event; combinators over a task they are given; synchronous names about
    /// asynchrony (bool predicates, factories of Async… types or of task-returning delegates, <c>[LoggerMessage]</c>);
    /// unbound return types; <c>async void</c> (ASYNC203's). Reported on the name; the new name travels in the diagnostic's
    /// properties for the rename fix.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncSuffixAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the name the fix gives.</summary>
        public const string NewNameProperty = "NewName";

        private const string Suffix = "Async";

        private static readonly string[] FrameworkNamespaces =
        {
            "Xunit", "NUnit.Framework", "Microsoft.VisualStudio.TestTools.UnitTesting", "TUnit.Core", "BenchmarkDotNet.Attributes",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsyncSuffix);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                var handlers = new Lazy<HashSet<string>>(() => MinimalApiHandlerNames(start.Compilation, start.CancellationToken), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterSymbolAction(c => AnalyzeMethod(c, known, handlers), SymbolKind.Method);
                start.RegisterSyntaxNodeAction(c => AnalyzeLocalFunction(c, known), SyntaxKind.LocalFunctionStatement);
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, KnownSymbols known, Lazy<HashSet<string>> handlers)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || !method.CanBeReferencedByName
                || method.Locations.Length == 0 || !method.Locations[0].IsInSource
                || Verdict(method, known) is not { } newName
                || IsContractBound(method, known, handlers))
            {
                return;
            }

            Report(context.ReportDiagnostic, method, method.Locations[0], newName);
        }

        private static void AnalyzeLocalFunction(SyntaxNodeAnalysisContext context, KnownSymbols known)
        {
            var local = (LocalFunctionStatementSyntax)context.Node;
            if (context.SemanticModel.GetDeclaredSymbol(local, context.CancellationToken) is IMethodSymbol method
                && Verdict(method, known) is { } newName)
            {
                Report(context.ReportDiagnostic, method, local.Identifier.GetLocation(), newName);
            }
        }

        private static void Report(Action<Diagnostic> report, IMethodSymbol method, Location location, string newName)
        {
            var message = newName.Length > method.Name.Length
                ? "'" + method.Name + "' returns '" + MessageText.Of(method.ReturnType) + "' but its name lacks the Async suffix: rename it '" + newName + "'"
                : "'" + method.Name + "' is synchronous but its name ends in Async: rename it '" + newName + "'";
            report(Diagnostic.Create(
                Descriptors.AsyncSuffix, location, ImmutableDictionary<string, string?>.Empty.Add(NewNameProperty, newName), message));
        }

        /// <summary>The name the method should have, or null when its name already fits what it returns.</summary>
        private static string? Verdict(IMethodSymbol method, KnownSymbols known)
        {
            var name = method.Name;
            var hasSuffix = name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal);
            if (method.IsAsync && method.ReturnsVoid)
            {
                return null;
            }

            if (ContainsError(method.ReturnType))
            {
                return null;
            }

            if (!hasSuffix)
            {
                // Reported only for what callers must await: tasks and async streams. Not: names that already say Async
                // (ReadAsyncCore, OnMessageAsyncImpl), custom awaitables (ConfiguredTaskAwaitable), and combinators over a
                // task they are given (TimeoutAfter(this Task t), WithCancellation(IAsyncEnumerable<T> source)).
                return !method.ReturnsVoid && (known.IsTaskLike(method.ReturnType) || IsAsyncStream(method.ReturnType, known))
                       && name.IndexOf(Suffix, StringComparison.Ordinal) < 0
                       && !(method.Parameters.Length > 0 && IsAsynchronousType(method.Parameters[0].Type, known))
                    ? name + Suffix
                    : null;
            }

            if ((!method.ReturnsVoid && IsAsynchronousType(method.ReturnType, known)) || NamesAsynchrony(method, known))
            {
                return null;
            }

            return name.Substring(0, name.Length - Suffix.Length);
        }

        /// <summary>
        /// A synchronous method whose "Async" is about asynchrony rather than a promise to await: a predicate
        /// (<c>bool IsAsync()</c>, <c>ShouldTransitionToAsync()</c>), a factory of something asynchronous (<c>AsyncRetryPolicy
        /// WaitAndRetryAsync()</c>, a delegate returning a task), or a log message's name (<c>[LoggerMessage]</c>).
        /// </summary>
        private static bool NamesAsynchrony(IMethodSymbol method, KnownSymbols known)
        {
            var type = method.ReturnType;
            if (type.SpecialType == SpecialType.System_Boolean
                || type.Name.IndexOf(Suffix, StringComparison.Ordinal) >= 0
                || (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } && IsAsynchronousType(invoke.ReturnType, known)))
            {
                return true;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "LoggerMessageAttribute")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A type the compiler could not bind (a missing reference): what it returns is unknown.</summary>
        private static bool ContainsError(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Error)
            {
                return true;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (ContainsError(argument))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsAsynchronousType(ITypeSymbol type, KnownSymbols known)
            => known.IsAwaitable(type) || IsAsyncStream(type, known);

        private static bool IsAsyncStream(ITypeSymbol type, KnownSymbols known)
            => known.ImplementsAsyncEnumerable(type)
               || (type is INamedTypeSymbol named && KnownSymbols.Is(named.OriginalDefinition, known.IAsyncEnumeratorOfT));

        private static bool IsContractBound(IMethodSymbol method, KnownSymbols known, Lazy<HashSet<string>> handlers)
        {
            if (method.IsOverride || method.IsExtern || !method.ExplicitInterfaceImplementations.IsEmpty)
            {
                return true;
            }

            switch (method.Name)
            {
                case "Main":
                case "GetAwaiter":
                case "GetAsyncEnumerator":
                case "MoveNextAsync":
                case "DisposeAsync":
                    return true;
            }

            if (InterfaceImplementations.ImplementsInterfaceMember(method) || HasFrameworkAttribute(method) || IsWebEntryPoint(method))
            {
                return true;
            }

            // The event-based pattern (WebClient.DownloadStringAsync): a void XAsync whose completion is the XCompleted event.
            if (method.ReturnsVoid && !method.ContainingType.GetMembers(method.Name.Substring(0, method.Name.Length - Suffix.Length) + "Completed").IsEmpty)
            {
                return true;
            }

            // A minimal-API handler's name is its route's contract only by choice, but renaming it is noise to the user.
            return !method.ReturnsVoid && handlers.Value.Contains(method.Name);
        }

        private static bool HasFrameworkAttribute(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.ContainingNamespace is not { } ns)
                {
                    continue;
                }

                foreach (var framework in FrameworkNamespaces)
                {
                    if (IsWithin(ns, framework))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Controller actions, SignalR hub methods, Razor Pages handlers and middleware Invoke: names the framework binds.</summary>
        private static bool IsWebEntryPoint(IMethodSymbol method)
        {
            if (method.Name is "Invoke" or "InvokeAsync" && method.Parameters.Length > 0 && method.Parameters[0].Type.Name == "HttpContext")
            {
                return true;
            }

            if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name == "NonActionAttribute")
                {
                    return false;
                }
            }

            foreach (var attribute in method.ContainingType.GetAttributes())
            {
                if (attribute.AttributeClass?.Name is "ApiControllerAttribute" or "ControllerAttribute")
                {
                    return true;
                }
            }

            for (var type = method.ContainingType.BaseType; type != null; type = type.BaseType)
            {
                var ns = type.ContainingNamespace;
                switch (type.Name)
                {
                    case "ControllerBase" or "Controller" when IsExactly(ns, "Microsoft.AspNetCore.Mvc") || IsExactly(ns, "System.Web.Mvc"):
                    case "ApiController" when IsExactly(ns, "System.Web.Http"):
                    case "Hub" when IsExactly(ns, "Microsoft.AspNetCore.SignalR"):
                        return true;
                    case "PageModel" when IsExactly(ns, "Microsoft.AspNetCore.Mvc.RazorPages"):
                        return method.Name.StartsWith("On", StringComparison.Ordinal);
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="ns"/> is the dotted namespace <paramref name="name"/> or one inside it.</summary>
        private static bool IsWithin(INamespaceSymbol? ns, string name)
        {
            for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                if (IsExactly(ns, name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether <paramref name="ns"/> is exactly the dotted namespace <paramref name="name"/>, compared part by part from the end.</summary>
        private static bool IsExactly(INamespaceSymbol? ns, string name)
        {
            var end = name.Length;
            for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            {
                var start = name.LastIndexOf('.', end - 1) + 1;
                if (end - start != ns.Name.Length || string.CompareOrdinal(name, start, ns.Name, 0, ns.Name.Length) != 0)
                {
                    return false;
                }

                if (start == 0)
                {
                    return ns.ContainingNamespace is { IsGlobalNamespace: true };
                }

                end = start - 1;
            }

            return false;
        }

        /// <summary>
        /// Names passed as method groups to <c>Map…</c> calls (<c>app.MapGet("/", GetTodos)</c>) anywhere in the compilation; read
        /// once, and only in projects that reference ASP.NET Core routing.
        /// </summary>
        private static HashSet<string> MinimalApiHandlerNames(Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (KnownSymbols.Resolve(compilation, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions") is null)
            {
                return names;
            }

            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                        || !access.Name.Identifier.ValueText.StartsWith("Map", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        switch (argument.Expression)
                        {
                            case IdentifierNameSyntax identifier:
                                names.Add(identifier.Identifier.ValueText);
                                break;
                            case MemberAccessExpressionSyntax member:
                                names.Add(member.Name.Identifier.ValueText);
                                break;
                        }
                    }
                }
            }

            return names;
        }
    }
}
