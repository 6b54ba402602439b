/**
 * useReducer for key handlers: keys can come faster than React re-renders, so
 * each must see the state the previous key left (a letter then Enter submits
 * the line with the letter), not the state last drawn. `live.current` is that
 * state; `dispatch` updates it at once and schedules the redraw.
 */
import { useRef, useState, type MutableRefObject } from 'react';

export function useLiveReducer<S, A>(reducer: (s: S, a: A) => S, init: () => S): [S, (a: A) => void, MutableRefObject<S>] {
  const [state, setState] = useState(init);
  const live = useRef(state);
  const dispatch = (a: A) => {
    live.current = reducer(live.current, a);
    setState(live.current);
  };
  return [state, dispatch, live];
}
