package phoenix.query.paging;

import phoenix.api.ErrorCode;
import phoenix.api.PhoenixException;

import java.util.List;

/** {@code ?page=0&size=50}: at most 200 items a page. */
public record PageRequest(Integer page, Integer size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public PageRequest {
        page = page == null ? 0 : page;
        size = size == null ? DEFAULT_SIZE : size;
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw new PhoenixException(ErrorCode.VALIDATION_FAILED,
                    "page counts from 0; size is between 1 and " + MAX_SIZE + ".");
        }
    }

    public long offset() {
        return (long) page * size;
    }

    public <T> Page<T> of(List<T> items, long totalItems) {
        return new Page<>(items, page, size, totalItems);
    }
}
