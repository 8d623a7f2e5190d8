using System.Threading.Tasks;
using AsyncAnalyzers.CodeFixes.Unobserved;
using AsyncAnalyzers.Tests.Verifiers;
using AsyncAnalyzers.Unobserved;
using Verify = AsyncAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<AsyncAnalyzers.Unobserved.AsyncVoidMethodAnalyzer, AsyncAnalyzers.CodeFixes.Unobserved.AsyncVoidMethodCodeFixProvider>;

namespace AsyncAnalyzers.Tests.Unobserved
{
    /// <summary>ASYNC203: async void methods.</summary>
    [Trait("Rule", "ASYNC203")]
    public sealed class AsyncVoidMethodTests
    {
        [Fact]
        public Task Async_void_method_is_reported_and_returns_Task()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    // refreshes the cache
                    public async void {|#0:Refresh|}() => await Task.Delay(1);

                    void Caller() => Refresh();
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("Refresh"),
                """
                using System.Threading.Tasks;

                class C
                {
                    // refreshes the cache
                    public async Task Refresh() => await Task.Delay(1);

                    void Caller() => Refresh();
                }
                """);

        private const string PublicLibraryMethod = """
            using System.Threading.Tasks;

            public class Cache
            {
                public async void {|#0:Refresh|}() => await Task.Delay(1);
            }
            """;

        [Fact]
        public Task Public_method_of_a_library_gets_no_fix_by_default()
            => Verify.VerifyCodeFixAsync(
                PublicLibraryMethod,
                Verify.Diagnostic().WithLocation(0).WithArguments("Refresh"),
                PublicLibraryMethod);

        [Fact]
        public async Task Public_method_of_a_library_is_fixed_when_public_api_may_change()
        {
            var test = new CodeFixTest<AsyncVoidMethodAnalyzer, AsyncVoidMethodCodeFixProvider>
            {
                TestCode = PublicLibraryMethod,
                FixedCode = PublicLibraryMethod.Replace("public async void {|#0:Refresh|}()", "public async Task Refresh()", System.StringComparison.Ordinal),
            };
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Refresh"));
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                async_analyzers.ASYNC203.cascade_public_api = true

                """));
            await test.RunAsync();
        }

        [Fact]
        public async Task Public_method_of_an_application_is_fixed()
        {
            var test = new CodeFixTest<AsyncVoidMethodAnalyzer, AsyncVoidMethodCodeFixProvider>
            {
                TestCode = PublicLibraryMethod,
                FixedCode = PublicLibraryMethod.Replace("public async void {|#0:Refresh|}()", "public async Task Refresh()", System.StringComparison.Ordinal),
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            };
            test.TestState.Sources.Add("static class Program { static void Main() { } }");
            test.FixedState.Sources.Add("static class Program { static void Main() { } }");
            test.ExpectedDiagnostics.Add(Verify.Diagnostic().WithLocation(0).WithArguments("Refresh"));
            await test.RunAsync();
        }

        [Fact]
        public Task Missing_using_is_added()
            => Verify.VerifyCodeFixAsync(
                """
                class C
                {
                    static async void [|Run|]()
                    {
                        await System.Threading.Tasks.Task.Yield();
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    static async Task Run()
                    {
                        await System.Threading.Tasks.Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Async_void_local_function_is_reported_and_fixed()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        Local();

                        async void [|Local|]() => await Task.Delay(1);
                    }
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    async Task M()
                    {
                        await Task.Yield();
                        Local();

                        async Task Local() => await Task.Delay(1);
                    }
                }
                """);

        [Fact]
        public Task Method_used_as_a_delegate_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async void [|Tick|]() => await Task.Delay(1);

                    void Start(Action callback) => callback();

                    void M() => Start(Tick);
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    async void [|Tick|]() => await Task.Delay(1);

                    void Start(Action callback) => callback();

                    void M() => Start(Tick);
                }
                """);

        [Fact]
        public Task Guarded_timer_callback_is_the_right_shape_and_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class Monitor
                {
                    private Timer? _timer;

                    public void Start() => _timer = new Timer(Poll, null, 0, 1000);

                    // TimerCallback returns void: the callback must stay async void, and nothing can leave its body.
                    private async void Poll(object? state)
                    {
                        try
                        {
                            await Task.Delay(1);
                        }
                        catch (Exception ex)
                        {
                            Console.WriteLine(ex);
                        }
                    }
                }
                """);

        [Fact]
        public Task Unguarded_callback_is_told_to_guard_its_body_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Monitor
                {
                    public Timer Start() => new Timer(Poll, null, 0, 1000);

                    private async void {|#0:Poll|}(object? state)
                    {
                        await Task.Delay(1);
                    }
                }
                """,
                Verify.Diagnostic(Descriptors.AsyncVoidCallback).WithLocation(0)
                    .WithMessage("'Poll' is an 'async void' callback: an exception it throws crashes the process; guard the whole body with try/catch"),
                """
                using System.Threading;
                using System.Threading.Tasks;

                class Monitor
                {
                    public Timer Start() => new Timer(Poll, null, 0, 1000);

                    private async void {|#0:Poll|}(object? state)
                    {
                        await Task.Delay(1);
                    }
                }
                """);

        [Fact]
        public Task Guarded_method_that_is_also_called_directly_is_reported()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class Monitor
                {
                    public Timer Start()
                    {
                        Poll(null);
                        return new Timer(Poll, null, 0, 1000);
                    }

                    private async void {|#0:Poll|}(object? state)
                    {
                        try { await Task.Delay(1); }
                        catch { }
                    }
                }
                """,
                Verify.Diagnostic(Descriptors.AsyncVoidMethod).WithLocation(0).WithArguments("Poll"),
                """
                using System;
                using System.Threading;
                using System.Threading.Tasks;

                class Monitor
                {
                    public Timer Start()
                    {
                        Poll(null);
                        return new Timer(Poll, null, 0, 1000);
                    }

                    private async void {|#0:Poll|}(object? state)
                    {
                        try { await Task.Delay(1); }
                        catch { }
                    }
                }
                """);

        [Fact]
        public Task Local_function_used_as_a_delegate_is_reported_without_a_fix()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        Action a = Local;
                        a();

                        async void [|Local|]() => await Task.Yield();
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    void M()
                    {
                        Action a = Local;
                        a();

                        async void [|Local|]() => await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Handler_with_wrong_shape_is_reported()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    async void [|OnChanged|](object sender, int value) => await Task.Yield();
                }
                """,
                """
                using System.Threading.Tasks;

                class C
                {
                    async Task OnChanged(object sender, int value) => await Task.Yield();
                }
                """);

        [Fact]
        public async Task Override_is_reported_without_a_fix_when_contract_bound_reporting_is_on()
        {
            var test = new CodeFixTest<AsyncVoidMethodAnalyzer, AsyncVoidMethodCodeFixProvider>
            {
                TestCode = """
                    using System.Threading.Tasks;

                    abstract class Base { public abstract void Run(); }
                    interface IJob { void Execute(); }

                    class C : Base, IJob
                    {
                        public override async void [|Run|]() => await Task.Yield();
                        public async void [|Execute|]() => await Task.Yield();
                    }
                    """,
            };
            test.FixedState.Sources.Add(test.TestState.Sources[0].content);
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                async_analyzers.report_contract_bound = true

                """));
            await test.RunAsync();
        }

        [Fact]
        public Task Event_handlers_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class SavedEventArgs : EventArgs { }

                class C
                {
                    async void OnClick(object sender, EventArgs e) => await Task.Yield();
                    async void OnSaved(object? sender, SavedEventArgs e) => await Task.Yield();
                    void M()
                    {
                        async void OnLocal(object s, EventArgs e) => await Task.Yield();
                        EventHandler h = OnLocal;
                    }
                }
                """);

        [Fact]
        public Task Overrides_and_interface_implementations_are_not_reported_by_default()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                abstract class Base { public abstract void Run(); }
                interface IJob { void Execute(); void Stop(); }

                class C : Base, IJob
                {
                    public override async void Run() => await Task.Yield();
                    public async void Execute() => await Task.Yield();
                    async void IJob.Stop() => await Task.Yield();
                }
                """);

        [Fact]
        public Task Async_Task_methods_and_sync_void_methods_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync() => await Task.Yield();
                    async ValueTask RunValueAsync() => await Task.Yield();
                    void Run() { }
                }
                """);

        [Fact]
        public Task Async_void_lambdas_are_left_to_ASYNC204()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class C
                {
                    Action A = async () => await Task.Yield();
                }
                """);

        [Fact]
        public Task Generic_event_args_handlers_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;

                class Changed<T> : EventArgs { }

                class C
                {
                    async void OnChanged(object sender, Changed<int> e) => await Task.Yield();
                    async void OnResolve(object sender, ResolveEventArgs e) => await Task.Yield();
                }
                """);

        [Fact]
        public Task Non_async_void_methods_are_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                class C
                {
                    void Fire() => _ = Task.Delay(1);
                    static void Main() { }
                }
                """);

        [Fact]
        public Task Generated_code_is_not_reported()
            => Verify.VerifyAnalyzerAsync(
                """
                // <auto-generated/>
                using System.Threading.Tasks;

                class C
                {
                    async void Run() => await Task.Yield();
                }
                """);

        [Fact]
        public async Task Report_contract_bound_false_is_the_default_and_can_be_set_explicitly()
        {
            var test = new AnalyzerTest<AsyncVoidMethodAnalyzer>
            {
                TestCode = """
                    using System.Threading.Tasks;

                    abstract class Base { public abstract void Run(); }

                    class C : Base
                    {
                        public override async void Run() => await Task.Yield();
                    }
                    """,
            };
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", """
                root = true

                [*.cs]
                async_analyzers.ASYNC203.report_contract_bound = false

                """));
            await test.RunAsync();
        }
    }
}
