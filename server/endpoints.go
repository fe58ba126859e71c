package server

import (
	"context"
	"io"
	"net/http"
	"strconv"

	"github.com/eeplay/eeplay/core"
	"github.com/eeplay/eeplay/internal/serdejson"
)

func (h *handler) createExecutionEnvironment(q *request) (any, error) {
	var req createExecutionEnvironmentRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	return h.change(q.r.Context(), func(ctx context.Context) (uint64, error) {
		return h.sim.CreateExecutionEnvironment(ctx, *req.EE.WasmCode, core.Root(*req.EE.InitialState))
	})
}

func (h *handler) createShardBlock(q *request) (any, error) {
	var req createShardBlockRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	wire := *req.ShardBlock.Transactions
	transactions := make([]core.ShardTransaction, len(wire))
	for i, tx := range wire {
		transactions[i] = core.ShardTransaction{Data: *tx.Data, EEIndex: *tx.EEIndex}
	}
	return h.change(q.r.Context(), func(ctx context.Context) (uint64, error) {
		return h.sim.CreateShardBlock(ctx, *req.ShardIndex, transactions)
	})
}

func (h *handler) getExecutionEnvironment(q *request) (any, error) {
	var req getExecutionEnvironmentRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	ee, err := h.sim.GetExecutionEnvironment(*req.EEIndex)
	if err != nil {
		return nil, &httpError{http.StatusNotFound, err}
	}
	return executionEnvironmentResponse{InitialState: root32(ee.InitialState), WasmCode: ee.WasmCode}, nil
}

func (h *handler) getExecutionEnvironmentState(q *request) (any, error) {
	var req getExecutionEnvironmentStateRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	state, err := h.sim.GetExecutionEnvironmentState(*req.EEIndex, *req.ShardIndex)
	if err != nil {
		return nil, &httpError{http.StatusNotFound, err}
	}
	return root32(state), nil
}

// getShardBlock streams the block as {"transactions": [{"data": [...],
// "ee_index": N}]}: its data as numbers can be 1 GiB.
func (h *handler) getShardBlock(q *request) (any, error) {
	var req getShardBlockRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	record, err := h.sim.GetShardBlock(*req.ShardIndex, *req.ShardSlotIndex)
	if err != nil {
		return nil, &httpError{http.StatusNotFound, err}
	}
	txs := record.Block.Transactions
	size := 0
	for _, tx := range txs {
		size += len(tx.Data)
	}
	// The copy is made; it is held until the response is written.
	if err := q.share.reserve(size); err != nil {
		return nil, err
	}
	return streamedBody(func(w io.Writer) error {
		if _, err := io.WriteString(w, `{"transactions":[`); err != nil {
			return err
		}
		for i, tx := range txs {
			head := `{"data":`
			if i > 0 {
				head = `,` + head
			}
			if _, err := io.WriteString(w, head); err != nil {
				return err
			}
			if err := serdejson.WriteByteArray(w, tx.Data); err != nil {
				return err
			}
			if _, err := io.WriteString(w, `,"ee_index":`+strconv.FormatUint(tx.EEIndex, 10)+`}`); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, `]}`)
		return err
	}), nil
}

func (h *handler) getShardState(q *request) (any, error) {
	var req getShardStateRequest
	if err := q.decode(&req); err != nil {
		return nil, err
	}
	state, err := h.sim.GetShardState(*req.ShardIndex)
	if err != nil {
		return nil, &httpError{http.StatusNotFound, err}
	}
	response := shardStateResponse{ExecutionEnvironmentStates: make([]root32, len(state.ExecutionEnvironmentStates))}
	for i, root := range state.ExecutionEnvironmentStates {
		response.ExecutionEnvironmentStates[i] = root32(root)
	}
	return response, nil
}
