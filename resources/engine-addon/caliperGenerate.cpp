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
// options: { sequenceId, position, token (the first token to decode), maxTokens,
//            noPenaltyToken (a token the repeat penalty ignores, e.g. newline; -1 for none) }
// Returns { stop(): void, done: Promise<{ decoded: number, reason: 'eog' | 'maxTokens' | 'stopped' }> }.
// `decoded` counts the tokens put into the KV cache: the first token and every sampled token
// except the last one.

#include <atomic>
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
        llama_token token = 0;
        int32_t maxTokens = 0;
        llama_token noPenaltyToken = -1;

        Napi::Promise GetPromise() { return deferred.Promise(); }

    protected:
        void Execute(const ExecutionProgress& progress) override {
            llama_batch batch = llama_batch_init(1, 0, 1);
            try {
                run(progress, batch);
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
            result.Set("reason", Napi::String::New(env, reason));
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
        std::string reason = "stopped";

        void run(const ExecutionProgress& progress, llama_batch& batch) {
            const llama_vocab* vocab = llama_model_get_vocab(llama_get_model(ctx->ctx));
            int32_t generated = 0;
            while (!stopFlag->load(std::memory_order_relaxed)) {
                batch.n_tokens = 1;
                batch.token[0] = token;
                batch.pos[0] = position;
                batch.n_seq_id[0] = 1;
                batch.seq_id[0][0] = sequenceId;
                batch.logits[0] = true;
                const int r = llama_decode(ctx->ctx, batch);
                if (r != 0) {
                    SetError(r == 1 ? "could not find a KV slot for the batch (try reducing the size of the batch or increase the context)"
                                    : "Eval has failed");
                    return;
                }
                llama_synchronize(ctx->ctx);
                decoded++;
                position++;

                sampler->rebuildChainIfNeeded();
                llama_token_data_array cur_p;
                sampler->sample(ctx->ctx, 0, cur_p, false);
                if (cur_p.size == 0 || !(cur_p.selected >= 0 && cur_p.selected < (int32_t)cur_p.size)) {
                    SetError("Failed to sample next token");
                    return;
                }
                const llama_token next = cur_p.data[cur_p.selected].id;
                // As node-llama-cpp's LlamaChat: the repeat penalty does not punish newlines.
                if (next != noPenaltyToken) sampler->acceptToken(next);
                progress.Send(&next, 1);
                generated++;
                if (llama_vocab_is_eog(vocab, next)) {
                    reason = "eog";
                    return;
                }
                if (generated >= maxTokens) {
                    reason = "maxTokens";
                    return;
                }
                token = next;
            }
            reason = "stopped";
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

    auto stopFlag = std::make_shared<std::atomic<bool>>(false);
    auto* worker = new CaliperGenerateWorker(env, ctx, sampler, onTokens, stopFlag);
    worker->sequenceId = options.Get("sequenceId").As<Napi::Number>().Int32Value();
    worker->position = options.Get("position").As<Napi::Number>().Int32Value();
    worker->token = options.Get("token").As<Napi::Number>().Int32Value();
    worker->maxTokens = options.Get("maxTokens").As<Napi::Number>().Int32Value();
    worker->noPenaltyToken = options.Get("noPenaltyToken").As<Napi::Number>().Int32Value();

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
}
