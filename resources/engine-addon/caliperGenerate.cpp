// Caliper's addition to node-llama-cpp's addon, compiled into the engine built for this machine
// (src/main/services/engineBuild/nativeBuild.ts copies it into the addon's sources and registers it).
//
// caliperGenerate(context, sampler, options, onTokens) runs a whole answer's decode → sample →
// decode loop on one worker thread and streams the sampled tokens to JavaScript as they come.
// node-llama-cpp's own path returns to the JavaScript thread twice per token (once after the
// decode, once after the sampling), and the compute waits for that thread each time; here the
// compute never waits for JavaScript, which reads the tokens (detokenizes, looks for stop
// triggers) while the next token is computed, and asks the loop to stop when the answer is done.
// One thread also keeps one OpenMP team, instead of one per libuv worker that happens to run a
// decode. The caller holds node-llama-cpp's context lock and a disposal guard for the whole run.
//
// options: { sequenceId, position (of the first input token), tokens (the input: the prompt's part
//            not yet in the KV cache, at least one token; decoded in batches, logits for the last),
//            maxTokens, noPenaltyToken (a token the repeat penalty ignores, e.g. newline; -1 for none),
//            deliverEveryMs (tokens after the first are handed over at most this often, in groups:
//            each handover wakes the JavaScript thread, which then competes with the compute threads
//            for the cores; 0 hands over every token) }
// Returns { stop(): void, done: Promise<{ decoded: number, reason: 'eog' | 'maxTokens' | 'stopped' }> }.
// `decoded` counts the tokens put into the KV cache: the input and every sampled token except the
// last one. `caliperGenerateRevision` on the exports says which version of this contract the
// addon has (engineProcess/nativeBuildLayout.ts's CALIPER_ADDON_REVISION).

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "napi.h"
#include "llama.h"
#include "AddonContext.h"
#include "AddonSampler.h"

namespace {

class CaliperGenerateWorker : public Napi::AsyncProgressQueueWorker<llama_token> {
    public:
        CaliperGenerateWorker(Napi::Env env, AddonContext* ctx, AddonSampler* sampler, Napi::Function onTokens,
                              std::shared_ptr<std::atomic<bool>> stopFlag)
            : Napi::AsyncProgressQueueWorker<llama_token>(env, "CaliperGenerateWorker"),
              ctx(ctx),
              sampler(sampler),
              stopFlag(stopFlag),
              deferred(Napi::Promise::Deferred::New(env)) {
            this->onTokens = Napi::Persistent(onTokens);
            ctx->Ref();
            sampler->Ref();
        }
        ~CaliperGenerateWorker() {
            ctx->Unref();
            sampler->Unref();
        }

        int32_t sequenceId = 0;
        int32_t position = 0;
        std::vector<llama_token> input;
        int32_t maxTokens = 0;
        llama_token noPenaltyToken = -1;
        double deliverEveryMs = 0;

        Napi::Promise GetPromise() { return deferred.Promise(); }

    protected:
        void Execute(const ExecutionProgress& progress) override {
            const int32_t batchSize = std::max<int32_t>(1, (int32_t)llama_n_batch(ctx->ctx));
            llama_batch batch = llama_batch_init(batchSize, 0, 1);
            try {
                run(progress, batch, batchSize);
            } catch (const std::exception& e) {
                SetError(e.what());
            } catch (...) {
                SetError("Unknown error in the generation loop");
            }
            llama_batch_free(batch);
        }

        void OnProgress(const llama_token* data, size_t count) override {
            Napi::Env env = Env();
            Napi::HandleScope scope(env);
            auto tokens = Napi::Uint32Array::New(env, count);
            for (size_t i = 0; i < count; i++) tokens[i] = static_cast<uint32_t>(data[i]);
            onTokens.Call({tokens});
        }

        void OnOK() override {
            Napi::Env env = Env();
            auto result = Napi::Object::New(env);
            result.Set("decoded", Napi::Number::New(env, decoded));
            result.Set("reason", Napi::String::New(env, reason.empty() ? "stopped" : reason));
            deferred.Resolve(result);
        }

        void OnError(const Napi::Error& err) override {
            Napi::Env env = Env();
            auto error = err.Value();
            error.Set("decoded", Napi::Number::New(env, decoded));
            deferred.Reject(error);
        }

    private:
        AddonContext* ctx;
        AddonSampler* sampler;
        std::shared_ptr<std::atomic<bool>> stopFlag;
        Napi::Promise::Deferred deferred;
        Napi::FunctionReference onTokens;
        int32_t decoded = 0;
        std::string reason;
        std::vector<llama_token> pending;
        std::chrono::steady_clock::time_point lastDelivery;

        /** Decodes `count` tokens starting at `tokens`, in batches of `batchSize`, logits for the last; false on an error. */
        bool decode(llama_batch& batch, int32_t batchSize, const llama_token* tokens, int32_t count) {
            for (int32_t done = 0; done < count;) {
                const int32_t n = std::min(batchSize, count - done);
                batch.n_tokens = n;
                for (int32_t i = 0; i < n; i++) {
                    batch.token[i] = tokens[done + i];
                    batch.pos[i] = position + i;
                    batch.n_seq_id[i] = 1;
                    batch.seq_id[i][0] = sequenceId;
                    batch.logits[i] = done + i == count - 1;
                }
                const int r = llama_decode(ctx->ctx, batch);
                if (r != 0) {
                    SetError(r == 1 ? "could not find a KV slot for the batch (try reducing the size of the batch or increase the context)"
                                    : "Eval has failed");
                    return false;
                }
                llama_synchronize(ctx->ctx);
                decoded += n;
                position += n;
                done += n;
            }
            return true;
        }

        void run(const ExecutionProgress& progress, llama_batch& batch, int32_t batchSize) {
            const llama_vocab* vocab = llama_model_get_vocab(llama_get_model(ctx->ctx));
            if (!decode(batch, batchSize, input.data(), (int32_t)input.size())) return;
            int32_t generated = 0;
            for (;;) {
                sampler->rebuildChainIfNeeded();
                llama_token_data_array cur_p;
                sampler->sample(ctx->ctx, batch.n_tokens - 1, cur_p, false);
                if (cur_p.size == 0 || !(cur_p.selected >= 0 && cur_p.selected < (int32_t)cur_p.size)) {
                    SetError("Failed to sample next token");
                    return;
                }
                const llama_token next = cur_p.data[cur_p.selected].id;
                // As node-llama-cpp's LlamaChat: the repeat penalty does not punish newlines.
                if (next != noPenaltyToken) sampler->acceptToken(next);
                pending.push_back(next);
                generated++;
                if (llama_vocab_is_eog(vocab, next)) reason = "eog";
                else if (generated >= maxTokens) reason = "maxTokens";
                else if (stopFlag->load(std::memory_order_relaxed)) reason = "stopped";
                const bool last = !reason.empty();
                const auto now = std::chrono::steady_clock::now();
                // The first token at once (time to first token), the last with the rest.
                if (generated == 1 || last || std::chrono::duration<double, std::milli>(now - lastDelivery).count() >= deliverEveryMs) {
                    progress.Send(pending.data(), pending.size());
                    pending.clear();
                    lastDelivery = now;
                }
                if (last) return;
                if (!decode(batch, batchSize, &next, 1)) {
                    // What was sampled is still the reader's.
                    if (!pending.empty()) progress.Send(pending.data(), pending.size());
                    return;
                }
            }
        }
};

Napi::Value CaliperGenerate(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    auto* ctx = Napi::ObjectWrap<AddonContext>::Unwrap(info[0].As<Napi::Object>());
    auto* sampler = Napi::ObjectWrap<AddonSampler>::Unwrap(info[1].As<Napi::Object>());
    auto options = info[2].As<Napi::Object>();
    auto onTokens = info[3].As<Napi::Function>();
    if (ctx->disposed || ctx->ctx == nullptr) {
        Napi::Error::New(env, "Context is disposed").ThrowAsJavaScriptException();
        return env.Undefined();
    }
    if (sampler->disposed) {
        Napi::Error::New(env, "Sampler is disposed").ThrowAsJavaScriptException();
        return env.Undefined();
    }

    auto tokens = options.Get("tokens").As<Napi::Uint32Array>();
    if (tokens.ElementLength() == 0) {
        Napi::Error::New(env, "No input tokens").ThrowAsJavaScriptException();
        return env.Undefined();
    }

    auto stopFlag = std::make_shared<std::atomic<bool>>(false);
    auto* worker = new CaliperGenerateWorker(env, ctx, sampler, onTokens, stopFlag);
    worker->input.assign(tokens.Data(), tokens.Data() + tokens.ElementLength());
    worker->sequenceId = options.Get("sequenceId").As<Napi::Number>().Int32Value();
    worker->position = options.Get("position").As<Napi::Number>().Int32Value();
    worker->maxTokens = options.Get("maxTokens").As<Napi::Number>().Int32Value();
    worker->noPenaltyToken = options.Get("noPenaltyToken").As<Napi::Number>().Int32Value();
    worker->deliverEveryMs = options.Get("deliverEveryMs").As<Napi::Number>().DoubleValue();

    auto result = Napi::Object::New(env);
    result.Set("done", worker->GetPromise());
    result.Set("stop", Napi::Function::New(env, [stopFlag](const Napi::CallbackInfo& info) {
        stopFlag->store(true, std::memory_order_relaxed);
        return info.Env().Undefined();
    }));
    worker->Queue();
    return result;
}

}  // namespace

void caliperRegister(Napi::Object exports) {
    exports.Set("caliperGenerate", Napi::Function::New(exports.Env(), CaliperGenerate, "caliperGenerate"));
    // CALIPER_ADDON_REVISION in src/main/engineProcess/nativeBuildLayout.ts (a test keeps the two equal).
    exports.Set("caliperGenerateRevision", Napi::Number::New(exports.Env(), 2));
}
