/* Ward Portal's newsroom: Vietnamese strings Decap's `vi` locale lacks, the article preview
   in the portal's own style, then Decap's start (index.html sets CMS_MANUAL_INIT). */
(function () {
  "use strict";
  var CMS = window.CMS;

  // Keys missing from decap-cms-locales' vi (3.16.3), plus fixes ("Trạng:" → "Trạng thái:",
  // "công bố" → "đăng" as the board says it).
  var VI_EXTRA = {
    auth: { loginWithAzure: "Đăng nhập bằng Azure", loginWithForgejo: "Đăng nhập bằng Forgejo",
            loginWithGitLab: "Đăng nhập bằng GitLab", loginWithGitea: "Đăng nhập bằng Gitea" },
    app: { header: { content: "Nội dung", workflow: "Duyệt bài", media: "Thư viện ảnh",
                     quickAdd: "Viết nhanh" } },
    collection: {
      // vi writes "＋ %{collectionLabel}": U+FF0B is missing from common Linux fonts (a blank box)
      collectionTop: { viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo",
                       newButton: "Thêm %{collectionLabel}" },
      entries: { unpublishedHeader: "Bài chưa đăng" },
      groups: { other: "Khác", negateLabel: "Không phải %{label}" }
    },
    editor: {
      editor: { onPublishing: "Bạn có chắc muốn đăng bài này?",
        onPublishingNotReady: "Hãy chuyển trạng thái sang “Sẵn sàng” trước khi đăng.",
        onPublishingWithUnsavedChanges: "Bài có thay đổi chưa lưu: hãy lưu trước khi đăng.",
        onUnpublishing: "Bạn có chắc muốn gỡ bài này khỏi cổng?" },
      editorControl: { field: { widgetLabel: "Trường %{widgetLabel}" } },
      editorControlPane: { i18n: { writingInLocale: "Đang viết bằng %{locale}",
        copyFromLocale: "Điền từ ngôn ngữ khác",
        copyFromLocaleConfirm: "Bạn có muốn điền dữ liệu từ ngôn ngữ %{locale}?\nMọi nội dung hiện có sẽ bị ghi đè." } },
      editorInterface: { toggleI18n: "Bật/tắt đa ngôn ngữ", togglePreview: "Bật/tắt xem trước",
        toggleScrollSync: "Cuộn đồng bộ", toggleNotes: "Bật/tắt ghi chú" },
      editorNotesPane: { title: "Ghi chú", emptyState: "Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để trao đổi.",
        addNote: "Thêm ghi chú", addPlaceholder: "Thêm ghi chú...", editPlaceholder: "Sửa ghi chú...",
        save: "Lưu", cancel: "Hủy", edit: "Sửa", "delete": "Xóa", resolve: "Đã xử lý", unresolve: "Chưa xử lý",
        confirmDelete: "Bạn có chắc muốn xóa ghi chú này?", shortcut: "Mẹo: nhấn Ctrl+Enter để thêm nhanh ghi chú" },
      editorToolbar: {
        statusInfoTooltipDraft: "Bài đang là bản nháp. Khi viết xong, đặt trạng thái “Đang xét duyệt” để gửi ban biên tập.",
        statusInfoTooltipInReview: "Bài đang được ban biên tập xét duyệt; bạn vẫn có thể sửa trong lúc chờ.",
        status: "Trạng thái: %{status}", publishing: "Đang đăng...", publish: "Đăng", published: "Đã đăng",
        unpublish: "Gỡ bài", unpublishing: "Đang gỡ bài...", publishNow: "Đăng ngay",
        publishAndCreateNew: "Đăng và viết bài mới", publishAndDuplicate: "Đăng và sao chép",
        deleteUnpublishedChanges: "Xóa thay đổi chưa đăng", deleteUnpublishedEntry: "Xóa bài chưa đăng",
        deletePublishedEntry: "Xóa bài đã đăng", deleteEntry: "Xóa bài", backCollection: " Đang viết trong mục %{collectionLabel}"
      },
      editorWidgets: {
        markdown: { bold: "Đậm", italic: "Nghiêng", strikethrough: "Gạch ngang", code: "Mã", link: "Liên kết",
          linkPrompt: "Nhập địa chỉ của liên kết", headings: "Tiêu đề", quote: "Trích dẫn",
          bulletedList: "Danh sách dấu chấm", numberedList: "Danh sách đánh số", addComponent: "Thêm thành phần",
          richText: "Văn bản định dạng", markdown: "Markdown",
          toggleMode: { rich: "Chuyển sang chế độ định dạng", markdown: "Chuyển sang chế độ Markdown" } },
        image: { chooseMultiple: "Chọn nhiều ảnh", chooseUrl: "Chèn từ địa chỉ", replaceUrl: "Thay bằng địa chỉ",
          promptUrl: "Nhập địa chỉ của ảnh", addMore: "Thêm ảnh", removeAll: "Gỡ tất cả ảnh",
          choose: "Chọn ảnh", chooseDifferent: "Chọn ảnh khác", remove: "Gỡ ảnh" },
        file: { chooseUrl: "Chèn từ địa chỉ", chooseMultiple: "Chọn nhiều tập tin", replaceUrl: "Thay bằng địa chỉ",
          promptUrl: "Nhập địa chỉ của tập tin", addMore: "Thêm tập tin", removeAll: "Gỡ tất cả tập tin" },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ", now: "Bây giờ", clear: "Xóa" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở rộng", collapse: "Thu gọn" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: { copy: "Sao chép", copyUrl: "Sao chép địa chỉ", copyPath: "Sao chép đường dẫn",
        copyName: "Sao chép tên", copied: "Đã sao chép" },
      mediaLibraryModal: { close: "Đóng" }
    },
    ui: {
      settingsDropdown: { account: "Tài khoản" },
      toast: { noteAdded: "Đã thêm ghi chú", onFailToAddNote: "Không thêm được ghi chú: %{details}",
        noteUpdated: "Đã cập nhật ghi chú", onFailToUpdateNote: "Không cập nhật được ghi chú: %{details}",
        noteDeleted: "Đã xóa ghi chú", onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
        noteResolved: "Ghi chú đã xử lý", noteReopened: "Ghi chú mở lại",
        onFailToToggleNote: "Không đổi được trạng thái ghi chú: %{details}",
        entryPublished: "Bài đã được đăng", entryUnpublished: "Bài đã được gỡ",
        onFailToPublishEntry: "Không đăng được bài: %{details}" }
    },
    workflow: {
      // dayjs carries no Vietnamese month names in Decap's bundle: numbers only
      workflow: { dateFormat: "DD/MM/YYYY",
        description: "%{smart_count} bài đang chờ duyệt, %{readyCount} bài sẵn sàng để đăng. |||| %{smart_count} bài đang chờ duyệt, %{readyCount} bài sẵn sàng để đăng." },
      workflowCard: { publishChanges: "Đăng thay đổi", publishNewEntry: "Đăng bài mới" },
      workflowList: { onPublishEntry: "Bạn có chắc muốn đăng bài này?",
        onPublishingNotReadyEntry: "Chỉ bài ở trạng thái “Sẵn sàng” mới đăng được. Hãy kéo thẻ vào cột “Sẵn sàng”." }
    }
  };

  function merge(base, extra) {
    var out = {}, key;
    for (key in base) { out[key] = base[key]; }
    for (key in extra) {
      out[key] = (extra[key] && typeof extra[key] === "object" && base[key] && typeof base[key] === "object")
        ? merge(base[key], extra[key]) : extra[key];
    }
    return out;
  }
  CMS.registerLocale("vi", merge(CMS.getLocale("vi") || {}, VI_EXTRA));

  // Decap's notifications (react-toastify) hard-code two English labels in the bundle, outside
  // any locale: the close button's and the timer bar's. Renamed as they are drawn, before the
  // browser paints them (a MutationObserver runs before the next frame).
  var TOAST_LABELS = { "close": "Đóng thông báo", "notification timer": "Thời gian hiển thị thông báo" };
  function relabel(element) {
    var vietnamese = TOAST_LABELS[element.getAttribute("aria-label")];
    if (vietnamese && element.closest("[class*=Toastify]")) { element.setAttribute("aria-label", vietnamese); }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") { relabel(record.target); return; }
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) { return; }
        if (node.hasAttribute("aria-label")) { relabel(node); }
        node.querySelectorAll("[aria-label]").forEach(relabel);
      });
    });
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"] });

  // The article header as the portal prints it (wardportal.article.Article.header_line).
  function headerLine(date, views) {
    var match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?/.exec(String(date || ""));
    var parts = [];
    if (match) {
      parts.push("Ngày đăng " + match[3] + "/" + match[2] + "/" + match[1]);
      if (match[4]) { parts.push(match[4] + ":" + match[5]); }
    }
    var count = String(Number(views) || 0).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    parts.push("Lượt xem: " + count);
    return parts.join(" | ");
  }

  function optionLabel(collection, name, value) {
    var field = collection.get("fields").find(function (f) { return f.get("name") === name; });
    var option = field && field.get("options").find(function (o) { return o.get("value") === value; });
    return option ? option.get("label") : (value || "");
  }

  var h = window.h;

  // Tác giả (`author`): one name (a string), several (a list of names), or, written by the board
  // in the file, names with each one's points (`- name: …` / `points: …`). The value keeps its
  // shape and is left alone until someone types, so saving never rewrites an author line nobody
  // edited; the form with points is shown read-only (Decap cannot edit it without rewriting it).
  function plain(value) { return value && typeof value.toJS === "function" ? value.toJS() : value; }
  function authorNames(value) {
    value = plain(value);
    if (Array.isArray(value)) {
      return value.map(function (item) { return item && typeof item === "object" ? String(item.name || "") : String(item); });
    }
    return value == null || value === "" ? [] : [String(value)];
  }
  function withShares(value) {
    value = plain(value);
    return Array.isArray(value) && value.some(function (item) { return item !== null && typeof item === "object"; })
      ? value : null;
  }
  function shareLabel(item) {
    if (!item || typeof item !== "object") { return String(item); }
    var points = item.points == null ? "" : " — " + String(item.points).replace(".", ",") + " điểm";
    return String(item.name || "") + points;
  }
  var inputStyle = { display: "block", width: "100%", boxSizing: "border-box", margin: "0 0 6px",
                     padding: "8px 10px", border: "1px solid #dfdfe3", borderRadius: "5px", font: "inherit" };
  var buttonStyle = { marginRight: "8px", padding: "4px 10px", border: "1px solid #798291", borderRadius: "4px",
                      background: "#fff", font: "inherit", cursor: "pointer" };
  var AuthorsControl = window.createClass({
    getInitialState: function () {
      var names = authorNames(this.props.value);
      return { names: names.length ? names : [""] };
    },
    emit: function (names) {
      this.setState({ names: names });
      var kept = names.map(function (name) { return name.trim(); }).filter(Boolean);
      this.props.onChange(kept.length === 0 ? "" : kept.length === 1 ? kept[0] : kept);
    },
    render: function () {
      var self = this, props = this.props;
      var shares = withShares(props.value);
      if (shares) {
        return h("div", { className: props.classNameWrapper, id: props.forID, "data-ward-authors": "co-diem" },
          h("ul", { style: { margin: "0 0 6px", paddingLeft: "20px" } },
            shares.map(function (item, index) { return h("li", { key: index }, shareLabel(item)); })),
          h("p", { style: { margin: 0, fontSize: "13px" } },
            "Bài ghi điểm riêng cho từng tác giả: trình biên tập giữ nguyên các dòng này khi lưu. "
            + "Muốn đổi tác giả hay điểm, ban biên tập sửa trực tiếp trong tệp bài."));
      }
      var names = this.state.names;
      return h("div", { className: props.classNameWrapper },
        names.map(function (name, index) {
          return h("div", { key: index, style: { display: "flex", gap: "6px", alignItems: "baseline" } },
            h("input", { type: "text", id: index === 0 ? props.forID : props.forID + "-" + (index + 1),
              value: name, style: inputStyle, "aria-label": "Tác giả " + (index + 1),
              onFocus: props.setActiveStyle, onBlur: props.setInactiveStyle,
              onChange: function (event) {
                var next = names.slice(); next[index] = event.target.value; self.emit(next);
              } }),
            names.length > 1 ? h("button", { type: "button", style: buttonStyle, "aria-label": "Bỏ tác giả " + (index + 1),
              onClick: function () { self.emit(names.filter(function (_, i) { return i !== index; })); } }, "Bỏ") : null);
        }),
        h("button", { type: "button", style: buttonStyle,
          onClick: function () { self.setState({ names: names.concat([""]) }); } }, "Thêm tác giả"));
    }
  });
  CMS.registerWidget("tac-gia", AuthorsControl);

  var ArticlePreview = window.createClass({
    render: function () {
      var entry = this.props.entry, data = entry.get("data"), collection = this.props.collection;
      var image = data.get("image");
      var tags = data.get("tags");
      return h("div", { className: "md-typeset" }, h("article", { className: "ward-article", lang: "vi" },
        h("h1", {}, data.get("title") || ""),
        h("p", { className: "ward-article__header" }, headerLine(data.get("date"), data.get("views"))),
        h("p", { className: "ward-article__taxonomy" },
          "Đơn vị: " + optionLabel(collection, "unit", data.get("unit")) +
          " · Chuyên mục: " + optionLabel(collection, "category", data.get("category"))),
        image ? h("figure", { className: "ward-figure ward-figure--cover" },
          h("img", { src: this.props.getAsset(image).toString(), alt: data.get("image_caption") || data.get("title") || "" }),
          data.get("image_caption") ? h("figcaption", {}, data.get("image_caption")) : null) : null,
        h("div", { className: "ward-article__body" }, this.props.widgetFor("body")),
        authorNames(data.get("author")).length
          ? h("p", { className: "ward-article__author" }, authorNames(data.get("author")).join(", ")) : null,
        tags && tags.size ? h("p", { className: "ward-article__tags" }, "Từ khóa: " + tags.join(", ")) : null));
    }
  });
  CMS.registerPreviewStyle("xem-truoc.css");
  CMS.registerPreviewTemplate("bai-viet", ArticlePreview);
  CMS.init();
})();
